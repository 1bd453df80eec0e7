-- Structured sources (issue 8 §1: "source (publication, table, page or URL)") and the indicator's fact measure.
-- The single source text of earlier versions becomes the publication, unchanged; table, page and URL start empty.
ALTER TABLE industry_observations RENAME COLUMN source TO source_publication;
ALTER TABLE industry_observations ADD COLUMN source_table TEXT;
ALTER TABLE industry_observations ADD COLUMN source_page TEXT;
ALTER TABLE industry_observations ADD COLUMN source_url TEXT;
ALTER TABLE industry_indicators RENAME COLUMN source TO source_publication;
ALTER TABLE industry_indicators ADD COLUMN source_table TEXT;
ALTER TABLE industry_indicators ADD COLUMN source_page TEXT;
ALTER TABLE industry_indicators ADD COLUMN source_url TEXT;
-- What the indicator measures in the kernel's terms (Kernel.FactMeasure, e.g. 'employment'), set explicitly by the user;
-- NULL: the indicator is offered to no other module.
ALTER TABLE industry_indicators ADD COLUMN measure TEXT;
