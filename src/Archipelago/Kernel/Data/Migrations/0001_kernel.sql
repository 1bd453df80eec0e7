-- Kernel: enablers, joint actions and their participants, accounts, settings, audit.
-- Tokens: {{id}} identity primary key, {{int}} 64-bit integer, {{real}} double, {{decimal}} exact number,
-- {{without_rowid}} a table clustered on its primary key (SQLite).
CREATE TABLE kernel_enablers (
    id {{id}},
    key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name_en TEXT,
    name_zh TEXT,
    aliases TEXT NOT NULL DEFAULT '',
    city TEXT,
    province TEXT,
    country TEXT,
    segment TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    source TEXT NOT NULL,
    search_text TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX kernel_enablers_sort ON kernel_enablers (sort_name, id);
CREATE INDEX kernel_enablers_type ON kernel_enablers (type, sort_name, id);
CREATE INDEX kernel_enablers_country ON kernel_enablers (country, province, city);

CREATE TABLE kernel_action_types (
    code TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL
);

CREATE TABLE kernel_joint_actions (
    id {{id}},
    key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL REFERENCES kernel_action_types (code),
    start_date TEXT NOT NULL,
    start_precision TEXT NOT NULL,
    end_date TEXT,
    end_precision TEXT,
    year {{int}} NOT NULL,
    value {{decimal}},
    currency TEXT,
    description TEXT,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX kernel_joint_actions_year ON kernel_joint_actions (year, type);

CREATE TABLE kernel_participants (
    action_id {{int}} NOT NULL REFERENCES kernel_joint_actions (id) ON DELETE CASCADE,
    enabler_id {{int}} NOT NULL REFERENCES kernel_enablers (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (action_id, enabler_id)
) {{without_rowid}};
CREATE INDEX kernel_participants_enabler ON kernel_participants (enabler_id);

CREATE TABLE kernel_users (
    id {{id}},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    enabler_id {{int}} REFERENCES kernel_enablers (id) ON DELETE SET NULL,
    password_hash TEXT NOT NULL,
    disabled {{int}} NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE kernel_tokens (
    id {{id}},
    user_id {{int}} NOT NULL REFERENCES kernel_users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    last_used_at TEXT
);

CREATE TABLE kernel_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE kernel_audit (
    id {{id}},
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_key TEXT,
    detail TEXT
);
