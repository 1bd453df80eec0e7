-- Deals register: each deal is a kernel joint action between two enablers (the party granting the rights, selling
-- or raising money, and the party paying); this table keeps its terms as structured attributes.
INSERT INTO kernel_action_types (code, name_en, name_zh) VALUES ('acquisition', 'Acquisition (M&A)', '并购')
    ON CONFLICT (code) DO NOTHING;

CREATE TABLE valuation_deals (
    action_id {{int}} PRIMARY KEY REFERENCES kernel_joint_actions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    asset TEXT,
    stage TEXT NOT NULL,
    stage_rank {{int}} NOT NULL,
    therapeutic_area TEXT,
    modality TEXT,
    territory TEXT,
    cross_border {{int}} NOT NULL,
    upfront {{real}},
    milestones {{real}},
    royalty_low {{real}},
    royalty_high {{real}},
    equity {{real}},
    disclosed_total {{real}}
);
CREATE INDEX valuation_deals_stage ON valuation_deals (stage_rank, therapeutic_area);
