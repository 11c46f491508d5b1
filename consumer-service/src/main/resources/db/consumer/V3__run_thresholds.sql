-- A run's own pass/fail thresholds, as its register sent them (a JSON array of expressions, or NULL for none);
-- the api-service evaluates them (api-service/README.md, "Verdicts"). Written once, like the tags.
ALTER TABLE runs ADD COLUMN thresholds JSON NULL AFTER fields;
