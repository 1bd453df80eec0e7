-- Attachments of engagement threads; the content type is the one content sniffing decided (Domain/AttachmentType.cs).
CREATE TABLE exchange_attachments (
    id {{id}},
    engagement_id {{int}} NOT NULL REFERENCES exchange_engagements (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size {{int}} NOT NULL,
    content BLOB NOT NULL,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX exchange_attachments_engagement ON exchange_attachments (engagement_id, id);
