-- One-time links: each invitation token accepts one completed response (used_at set when it does), and counts as sent.
-- Drafts: a partly answered questionnaire kept under a resume code until it is completed; the one-time token (if it
-- came through one) travels with the draft so the completed response still uses it up.
CREATE TABLE surveys_invitations (
    id {{id}},
    questionnaire_id {{int}} NOT NULL REFERENCES surveys_questionnaires (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX surveys_invitations_questionnaire ON surveys_invitations (questionnaire_id, id);
CREATE TABLE surveys_drafts (
    id {{id}},
    questionnaire_id {{int}} NOT NULL REFERENCES surveys_questionnaires (id) ON DELETE CASCADE,
    resume_code TEXT NOT NULL UNIQUE,
    invitation_token TEXT,
    answers TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
