-- Questionnaires (definition as JSON: sections of items) published under an unguessable public key, and the responses
-- submitted through that link. A response is excluded (with its reason) rather than deleted, so accounting adds up.
CREATE TABLE surveys_questionnaires (
    id {{id}},
    title TEXT NOT NULL,
    definition TEXT NOT NULL,
    public_key TEXT NOT NULL UNIQUE,
    sent {{int}} NOT NULL DEFAULT 0,
    quota {{int}},
    closes_at TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE surveys_responses (
    id {{id}},
    questionnaire_id {{int}} NOT NULL REFERENCES surveys_questionnaires (id) ON DELETE CASCADE,
    answers TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    excluded_reason TEXT
);
CREATE INDEX surveys_responses_questionnaire ON surveys_responses (questionnaire_id, id);
