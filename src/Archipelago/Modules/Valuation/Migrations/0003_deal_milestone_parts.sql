-- The parts of a deal's milestone total that its announcement distinguishes (development, regulatory, sales), when it
-- does; comparables place each part where it is paid instead of putting the whole total on approval.
ALTER TABLE valuation_deals ADD COLUMN development_milestones {{real}};
ALTER TABLE valuation_deals ADD COLUMN regulatory_milestones {{real}};
ALTER TABLE valuation_deals ADD COLUMN sales_milestones {{real}};
