-- Schema of the dashboard database. Built from the CSV files in data/ by `python -m dashboard build`.
-- Constraints are the last line of defence: the loader validates every row first and names
-- the file, row and column of anything wrong, but nothing that breaks these can be stored.

CREATE TABLE source (
    source_id   VARCHAR PRIMARY KEY,
    publisher   VARCHAR NOT NULL,
    title       VARCHAR NOT NULL,
    title_kind  VARCHAR CHECK (title_kind IN ('title', 'description')),  -- the publisher's title, or our description
    url         VARCHAR,            -- NULL only where the web address was not recorded
    published   DATE,               -- NULL where the publication date was not recorded
    tier        VARCHAR NOT NULL CHECK (tier IN ('primary', 'secondary')),
    status      VARCHAR NOT NULL,
    licence     VARCHAR NOT NULL,
    public_note VARCHAR,                  -- a caveat in plain words, shown on pages
    curation_note VARCHAR                 -- research notes for maintainers; never selected for display
);

CREATE TABLE force (
    force_id    VARCHAR PRIMARY KEY,          -- URL slug of the short name
    name        VARCHAR NOT NULL UNIQUE,
    short_name  VARCHAR NOT NULL UNIQUE,
    kind        VARCHAR NOT NULL CHECK (kind IN ('force', 'england_and_wales', 'united_kingdom', 'outside_england_and_wales')),
    pfa_code    VARCHAR UNIQUE,
    region      VARCHAR,
    country     VARCHAR CHECK (country IN ('England', 'Wales')),
    CHECK (kind <> 'force' OR (region IS NOT NULL AND country IS NOT NULL))
);

CREATE TABLE force_alias (
    alias       VARCHAR PRIMARY KEY,
    force_id    VARCHAR NOT NULL REFERENCES force (force_id)
);

CREATE TABLE grade_scale (
    grade       VARCHAR PRIMARY KEY,
    grade_rank  INTEGER,                      -- 1 = Outstanding … 5 = Inadequate; NULL when not a grade
    is_grade    BOOLEAN NOT NULL
);
INSERT INTO grade_scale VALUES
    ('Outstanding', 1, TRUE), ('Good', 2, TRUE), ('Adequate', 3, TRUE),
    ('Requires improvement', 4, TRUE), ('Inadequate', 5, TRUE),
    ('Not graded', NULL, FALSE), ('Not known', NULL, FALSE);

CREATE TABLE cycle (
    cycle_id            VARCHAR PRIMARY KEY,
    name                VARCHAR NOT NULL,
    comparability_note  VARCHAR NOT NULL
);

CREATE TABLE peel_area (
    cycle_id    VARCHAR NOT NULL REFERENCES cycle (cycle_id),
    area_id     VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    short_name  VARCHAR NOT NULL,
    theme_id    VARCHAR NOT NULL,             -- the same theme_id marks areas that correspond across cycles
    sort_order  INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, area_id)
);

CREATE TABLE grade (
    force_id    VARCHAR NOT NULL REFERENCES force (force_id),
    cycle_id    VARCHAR NOT NULL,
    area_id     VARCHAR NOT NULL,
    grade       VARCHAR NOT NULL REFERENCES grade_scale (grade),
    evidence    VARCHAR NOT NULL CHECK (evidence IN ('stated', 'derived', 'probable only', 'not found')),
    published   DATE,
    source_id   VARCHAR REFERENCES source (source_id),   -- the most authoritative source held
    corroborating_source_ids VARCHAR,     -- other sources held that state it, ';'-separated
    public_note VARCHAR,
    curation_note VARCHAR,
    PRIMARY KEY (force_id, cycle_id, area_id),
    FOREIGN KEY (cycle_id, area_id) REFERENCES peel_area (cycle_id, area_id),
    CHECK (grade = 'Not known' OR source_id IS NOT NULL),
    CHECK ((grade = 'Not known') = (evidence IN ('probable only', 'not found')))
);

CREATE TABLE grade_count (
    force_id      VARCHAR NOT NULL REFERENCES force (force_id),
    cycle_id      VARCHAR NOT NULL REFERENCES cycle (cycle_id),
    grade         VARCHAR NOT NULL REFERENCES grade_scale (grade),
    area_count    INTEGER NOT NULL CHECK (area_count > 0),
    graded_areas  INTEGER NOT NULL,
    published     VARCHAR,
    source_id     VARCHAR NOT NULL REFERENCES source (source_id),
    public_note   VARCHAR,
    curation_note VARCHAR,
    PRIMARY KEY (force_id, cycle_id, grade)
);

CREATE TABLE finding (
    finding_id  VARCHAR PRIMARY KEY,
    force_id    VARCHAR NOT NULL REFERENCES force (force_id),
    cycle_id    VARCHAR NOT NULL REFERENCES cycle (cycle_id),
    area_id     VARCHAR,                      -- NULL where the source does not tie it to an area
    kind        VARCHAR NOT NULL CHECK (kind IN ('cause_of_concern', 'area_for_improvement', 'innovative_practice', 'promising_practice')),
    summary     VARCHAR NOT NULL,
    source_id   VARCHAR NOT NULL REFERENCES source (source_id),
    curation_note VARCHAR
);

CREATE TABLE metric (
    metric_id         VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    unit              VARCHAR NOT NULL,
    higher_is_better  BOOLEAN,                -- NULL where neither direction is better (context figures)
    standard_value    DOUBLE,                 -- e.g. 90 for 90% of 999 calls within 10 seconds
    standard_text     VARCHAR,
    definition        VARCHAR NOT NULL,
    publisher         VARCHAR,
    theme_id          VARCHAR,                -- the PEEL theme this metric speaks to, if any
    source_id         VARCHAR NOT NULL REFERENCES source (source_id),
    curation_note     VARCHAR
);

CREATE TABLE load_log (
    load_id     INTEGER PRIMARY KEY,
    kind        VARCHAR NOT NULL,
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL UNIQUE,
    row_count   INTEGER NOT NULL,
    loaded_at   TIMESTAMP NOT NULL,
    source_id   VARCHAR NOT NULL REFERENCES source (source_id),
    warnings    VARCHAR                       -- what the load warned about, ' | ' between warnings; NULL for none
);

-- Long form: one row per place × metric × period. Revised values move to observation_history.
CREATE TABLE observation (
    force_id       VARCHAR NOT NULL REFERENCES force (force_id),
    metric_id      VARCHAR NOT NULL REFERENCES metric (metric_id),
    period_label   VARCHAR NOT NULL,
    period_start   DATE,
    period_end     DATE,
    value          DOUBLE NOT NULL,
    numerator      DOUBLE,
    denominator    DOUBLE,
    ci_half_width  DOUBLE,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id),
    public_note    VARCHAR,
    curation_note  VARCHAR,
    load_id        INTEGER,                   -- NULL for the curated file, else the load that wrote it
    PRIMARY KEY (force_id, metric_id, period_label),
    CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end),
    CHECK (denominator IS NULL OR denominator > 0)
);

CREATE TABLE observation_history (
    force_id       VARCHAR NOT NULL,
    metric_id      VARCHAR NOT NULL,
    period_label   VARCHAR NOT NULL,
    period_start   DATE,
    period_end     DATE,
    value          DOUBLE NOT NULL,
    numerator      DOUBLE,
    denominator    DOUBLE,
    ci_half_width  DOUBLE,
    source_id      VARCHAR NOT NULL,
    public_note    VARCHAR,
    curation_note  VARCHAR,
    load_id        INTEGER,
    superseded_by_load_id INTEGER NOT NULL
);

-- Earlier grades and findings replaced by a later load of the grades or findings template.
CREATE TABLE grade_history (
    force_id    VARCHAR NOT NULL,
    cycle_id    VARCHAR NOT NULL,
    area_id     VARCHAR NOT NULL,
    grade       VARCHAR NOT NULL,
    evidence    VARCHAR NOT NULL,
    published   DATE,
    source_id   VARCHAR,
    corroborating_source_ids VARCHAR,
    public_note VARCHAR,
    curation_note VARCHAR,
    superseded_by_load_id INTEGER NOT NULL
);

CREATE TABLE finding_history (
    finding_id  VARCHAR NOT NULL,
    force_id    VARCHAR NOT NULL,
    cycle_id    VARCHAR NOT NULL,
    area_id     VARCHAR,
    kind        VARCHAR NOT NULL,
    summary     VARCHAR NOT NULL,
    source_id   VARCHAR NOT NULL,
    curation_note VARCHAR,
    superseded_by_load_id INTEGER NOT NULL
);

CREATE TABLE peer_group (
    group_id         VARCHAR NOT NULL,
    force_id         VARCHAR NOT NULL REFERENCES force (force_id),
    member_force_id  VARCHAR NOT NULL REFERENCES force (force_id),
    name             VARCHAR NOT NULL,
    source_id        VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (group_id, member_force_id)
);

-- Holding to account: one row per update to an action on a cause of concern or area for improvement.
-- finding_id is checked by the loader, not by a foreign key, so that a later load may replace findings.
CREATE TABLE improvement_action (
    action_id       VARCHAR NOT NULL,
    force_id        VARCHAR NOT NULL REFERENCES force (force_id),
    cycle_id        VARCHAR NOT NULL REFERENCES cycle (cycle_id),
    finding_id      VARCHAR NOT NULL,
    item            VARCHAR NOT NULL,         -- what is to be improved, in the tracker's own words
    status          VARCHAR NOT NULL CHECK (status IN ('open', 'in progress', 'evidence submitted', 'closed by the inspectorate')),
    owner           VARCHAR,                  -- NULL where not published
    target_date     DATE,                     -- NULL where not published
    update_date     DATE NOT NULL,
    update_summary  VARCHAR NOT NULL,
    evidence_url    VARCHAR,
    source_id       VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (action_id, update_date)
);

-- An update replaced by a later load of the tracker template (a correction), kept for the record.
CREATE TABLE improvement_action_history (
    action_id       VARCHAR NOT NULL,
    force_id        VARCHAR NOT NULL,
    cycle_id        VARCHAR NOT NULL,
    finding_id      VARCHAR NOT NULL,
    item            VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,
    owner           VARCHAR,
    target_date     DATE,
    update_date     DATE NOT NULL,
    update_summary  VARCHAR NOT NULL,
    evidence_url    VARCHAR,
    source_id       VARCHAR NOT NULL,
    superseded_by_load_id INTEGER NOT NULL
);

-- Dated events of an inspection and what followed; 'not found' rows have no date, by design.
CREATE TABLE timeline_event (
    event_id        VARCHAR PRIMARY KEY,
    force_id        VARCHAR NOT NULL REFERENCES force (force_id),
    cycle_id        VARCHAR NOT NULL REFERENCES cycle (cycle_id),
    kind            VARCHAR NOT NULL,
    title           VARCHAR NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('happened', 'scheduled', 'not found')),
    event_date      DATE,
    end_date        DATE,                     -- for spans such as fieldwork
    date_precision  VARCHAR CHECK (date_precision IN ('day', 'month')),
    detail          VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL REFERENCES source (source_id),
    CHECK ((status = 'not found') = (event_date IS NULL)),
    CHECK ((event_date IS NULL) = (date_precision IS NULL)),
    CHECK (end_date IS NULL OR (event_date IS NOT NULL AND end_date >= event_date))
);

CREATE TABLE build_info (
    built_at     TIMESTAMP NOT NULL,
    data_as_at   DATE,
    build_id     VARCHAR NOT NULL             -- SHA-256 (first 12 digits) of every file the build read: same data, same id
);
