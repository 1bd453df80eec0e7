-- IP service exchange (seed 001 §6.3): provider profiles, needs, invitations, engagements with their history,
-- messages, ratings and notifications. Lists (services, fields, regions…) are JSON arrays of taxonomy codes.
CREATE TABLE exchange_profiles (
    enabler_id {{int}} PRIMARY KEY REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    categories TEXT NOT NULL,
    services TEXT NOT NULL,
    technology_fields TEXT NOT NULL,
    regions TEXT NOT NULL,
    languages TEXT NOT NULL,
    team_size {{int}} NOT NULL,
    patent_agents {{int}} NOT NULL,
    credentials TEXT NOT NULL,
    fee_min {{decimal}},
    fee_max {{decimal}},
    currency TEXT,
    turnaround_days {{int}} NOT NULL,
    capacity {{int}} NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    refreshed_at TEXT,
    review_note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX exchange_profiles_status ON exchange_profiles (status);
CREATE INDEX exchange_profiles_updated ON exchange_profiles (updated_at);

CREATE TABLE exchange_needs (
    id {{id}},
    enabler_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    demand_area TEXT NOT NULL,
    category TEXT NOT NULL,
    service TEXT,
    technology_field TEXT NOT NULL,
    description TEXT NOT NULL,
    budget {{decimal}},
    currency TEXT,
    deadline TEXT,
    confidentiality TEXT NOT NULL,
    language TEXT NOT NULL,
    phase TEXT,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX exchange_needs_enabler ON exchange_needs (enabler_id);
CREATE INDEX exchange_needs_status ON exchange_needs (status, confidentiality);
CREATE INDEX exchange_needs_updated ON exchange_needs (updated_at);

CREATE TABLE exchange_invitations (
    need_id {{int}} NOT NULL REFERENCES exchange_needs (id) ON DELETE CASCADE,
    provider_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (need_id, provider_id)
) {{without_rowid}};
CREATE INDEX exchange_invitations_provider ON exchange_invitations (provider_id);

CREATE TABLE exchange_engagements (
    id {{id}},
    need_id {{int}} NOT NULL REFERENCES exchange_needs (id) ON DELETE CASCADE,
    client_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    provider_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    reason TEXT,
    fee {{decimal}},
    currency TEXT,
    created_at TEXT NOT NULL,
    proposed_at TEXT,
    delivered_at TEXT,
    updated_at TEXT NOT NULL,
    joint_action_id {{int}} REFERENCES kernel_joint_actions (id) ON DELETE SET NULL,
    UNIQUE (need_id, provider_id)
);
CREATE INDEX exchange_engagements_provider ON exchange_engagements (provider_id, state);
CREATE INDEX exchange_engagements_client ON exchange_engagements (client_id, state);
CREATE INDEX exchange_engagements_updated ON exchange_engagements (updated_at);

CREATE TABLE exchange_engagement_events (
    id {{id}},
    engagement_id {{int}} NOT NULL REFERENCES exchange_engagements (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    step TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT
);
CREATE INDEX exchange_engagement_events_engagement ON exchange_engagement_events (engagement_id, id);

CREATE TABLE exchange_messages (
    id {{id}},
    engagement_id {{int}} NOT NULL REFERENCES exchange_engagements (id) ON DELETE CASCADE,
    username TEXT NOT NULL,
    enabler_id {{int}},
    body TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX exchange_messages_engagement ON exchange_messages (engagement_id, id);

CREATE TABLE exchange_ratings (
    engagement_id {{int}} PRIMARY KEY REFERENCES exchange_engagements (id) ON DELETE CASCADE,
    provider_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    client_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    score {{int}} NOT NULL,
    comment TEXT,
    username TEXT NOT NULL,
    at TEXT NOT NULL,
    hidden {{int}} NOT NULL DEFAULT 0
);
CREATE INDEX exchange_ratings_provider ON exchange_ratings (provider_id);

CREATE TABLE exchange_notifications (
    id {{id}},
    enabler_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    link TEXT NOT NULL,
    at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX exchange_notifications_enabler ON exchange_notifications (enabler_id, id);
