-- Industry monitor: indicators, sub-sectors and observations with vintages (issue 8).
-- An observation is one figure of one indicator for one region, sub-sector ('' = the whole industry) and period;
-- a source that revises a figure adds a vintage (1, 2, …) and the highest vintage is the figure shown.
CREATE TABLE industry_indicators (
    id {{id}},
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_zh TEXT,
    unit TEXT NOT NULL,
    currency TEXT,
    price_basis TEXT,
    frequency TEXT NOT NULL,
    definition TEXT,
    source TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE industry_subsectors (
    code TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    position {{int}} NOT NULL
);

-- Seed 000's eight sub-sectors of the pharmaceutical manufacturing industry (editable).
INSERT INTO industry_subsectors (code, name_en, name_zh, position) VALUES
    ('chemical_raw_materials', 'Chemical raw materials', '化学药品原料药', 1),
    ('chemical_preparations', 'Chemical preparations', '化学药品制剂', 2),
    ('chinese_medicine_decoction_pieces', 'Chinese medicine decoction pieces', '中药饮片', 3),
    ('proprietary_chinese_medicines', 'Proprietary Chinese medicines', '中成药', 4),
    ('biopharmaceutical_products', 'Biopharmaceutical products', '生物药品', 5),
    ('sanitary_materials', 'Sanitary materials and medical supplies', '卫生材料及医药用品', 6),
    ('pharmaceutical_equipment', 'Pharmaceutical equipment', '制药专用设备', 7),
    ('medical_instruments', 'Medical instruments and equipment', '医疗仪器设备及器械', 8);

CREATE TABLE industry_observations (
    id {{id}},
    indicator_id {{int}} NOT NULL REFERENCES industry_indicators (id) ON DELETE CASCADE,
    region TEXT NOT NULL,
    subsector TEXT NOT NULL,
    period TEXT NOT NULL,
    time {{real}} NOT NULL,
    vintage {{int}} NOT NULL,
    value {{real}} NOT NULL,
    printed TEXT,
    source TEXT,
    note TEXT,
    imported_from TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    UNIQUE (indicator_id, region, subsector, period, vintage)
);
CREATE INDEX industry_observations_region ON industry_observations (region, indicator_id);
