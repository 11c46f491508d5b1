-- Tests: the runs of one name (api-service/README.md, "Verdicts"). A row exists once someone set something on
-- the test; a test without one has no thresholds, the default tolerances and no baseline. The name compares
-- like runs.name (the same collation), so a row matches the runs a join by name finds.
CREATE TABLE tests (
    name              VARCHAR(200)  NOT NULL,
    thresholds        JSON          NOT NULL,               -- a JSON array of threshold expressions
    tolerances        JSON          NULL,                   -- {"p95Ratio","p95MinMs","errorRatePoints","rpsRatio"}; NULL: the defaults
    baseline_run_uuid CHAR(36)      NULL,                   -- the pinned run every new run is compared with
    updated_at        DATETIME(3)   NOT NULL,
    updated_by        VARCHAR(64)   NOT NULL,
    PRIMARY KEY (name),
    KEY ix_tests_baseline (baseline_run_uuid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
