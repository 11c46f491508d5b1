-- InfluxDB line protocol that no mapping (JMeter, k6) turned into run data: counted per owner, database
-- and measurement, with one example, so that a user can see what arrived and was not used. Rows not
-- seen for loadstack.influx.unmapped-retention (24 h) are deleted.
CREATE TABLE influx_unmapped (
    owner_id    BIGINT        NOT NULL,
    db          VARCHAR(100)  NOT NULL,
    measurement VARCHAR(200)  NOT NULL,
    points      BIGINT        NOT NULL,
    first_seen  DATETIME(3)   NOT NULL,
    last_seen   DATETIME(3)   NOT NULL,
    example     VARCHAR(1000) NULL,
    PRIMARY KEY (owner_id, db, measurement),
    KEY ix_influx_unmapped_seen (last_seen)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
