-- The canonical MES and energy model (DATA_CONTRACT.md). Table and column names are fixed.
CREATE TABLE dataset_info (          -- key/value facts about the data set
  key   VARCHAR PRIMARY KEY,         -- 'plant_name', 'timezone', 'now', 'source', 'generator_seed'
  value VARCHAR NOT NULL             -- 'now' = the data set's present moment, ISO timestamp;
);                                   -- absent for live systems (then the wall clock is 'now')

CREATE TABLE lines (
  line_id     VARCHAR PRIMARY KEY,   -- 'L1'
  line_no     INTEGER NOT NULL UNIQUE, -- 1; how people say it: "line 1", "Linie 1", "L1"
  name        VARCHAR NOT NULL,      -- 'Linie 1 – Druckguss'
  area        VARCHAR NOT NULL,
  takt_time_s DOUBLE  NOT NULL       -- customer takt (available time / customer demand)
);

CREATE TABLE stations (
  station_id   VARCHAR PRIMARY KEY,  -- 'L3-S4'
  line_id      VARCHAR NOT NULL REFERENCES lines(line_id),
  seq          INTEGER NOT NULL,     -- position in the flow, 1 = first
  name         VARCHAR NOT NULL,
  station_type VARCHAR NOT NULL      -- 'press', 'casting', 'assembly', 'welding', 'painting', 'oven', 'test', 'packing', ...
);

CREATE TABLE products (
  product_id VARCHAR PRIMARY KEY,
  name       VARCHAR NOT NULL,
  family     VARCHAR NOT NULL        -- changeovers between families take longer than within one
);

CREATE TABLE line_products (         -- what a line can make, and how fast at best
  line_id            VARCHAR NOT NULL REFERENCES lines(line_id),
  product_id         VARCHAR NOT NULL REFERENCES products(product_id),
  ideal_cycle_time_s DOUBLE  NOT NULL, -- ISO 22400 planned run time per item (PRI)
  PRIMARY KEY (line_id, product_id)
);

CREATE TABLE shifts (
  shift_code VARCHAR PRIMARY KEY,    -- 'E' early/Früh, 'L' late/Spät, 'N' night/Nacht
  name_de    VARCHAR NOT NULL,
  name_en    VARCHAR NOT NULL,
  start_time TIME NOT NULL,          -- E 06:00, L 14:00, N 22:00 in the sample plant
  end_time   TIME NOT NULL
);

CREATE TABLE teams (
  team_id VARCHAR PRIMARY KEY,       -- 'T-A'
  name    VARCHAR NOT NULL
);

CREATE TABLE shift_calendar (        -- one row per line and worked shift
  line_id         VARCHAR NOT NULL REFERENCES lines(line_id),
  shift_date      DATE    NOT NULL,
  shift_code      VARCHAR NOT NULL REFERENCES shifts(shift_code),
  start_ts        TIMESTAMP NOT NULL,
  end_ts          TIMESTAMP NOT NULL,
  planned_minutes DOUBLE  NOT NULL,  -- ISO 22400 planned busy time: shift length minus planned breaks
  team_id         VARCHAR NOT NULL REFERENCES teams(team_id),
  PRIMARY KEY (line_id, shift_date, shift_code)
);

CREATE TABLE material_batches (
  batch_id      VARCHAR PRIMARY KEY,
  material      VARCHAR NOT NULL,
  supplier      VARCHAR NOT NULL,
  received_date DATE    NOT NULL
);

CREATE TABLE production_orders (
  order_id         VARCHAR PRIMARY KEY,
  line_id          VARCHAR NOT NULL REFERENCES lines(line_id),
  product_id       VARCHAR NOT NULL REFERENCES products(product_id),
  planned_qty      INTEGER NOT NULL,
  planned_start_ts TIMESTAMP NOT NULL,
  actual_start_ts  TIMESTAMP,
  actual_end_ts    TIMESTAMP,
  status           VARCHAR NOT NULL  -- 'planned', 'running', 'done'
);

CREATE TABLE units (                 -- one row per unit leaving the line (good or not)
  unit_id      VARCHAR PRIMARY KEY,
  line_id      VARCHAR NOT NULL REFERENCES lines(line_id),
  order_id     VARCHAR NOT NULL REFERENCES production_orders(order_id),
  product_id   VARCHAR NOT NULL REFERENCES products(product_id),
  batch_id     VARCHAR REFERENCES material_batches(batch_id),
  ts           TIMESTAMP NOT NULL,   -- completion time at the end of the line
  shift_date   DATE    NOT NULL,
  shift_code   VARCHAR NOT NULL,
  cycle_time_s DOUBLE,               -- seconds since the previous unit of the same order on this line,
                                     -- stops recorded in downtime_events taken out; NULL for an order's first unit
  is_good      BOOLEAN NOT NULL,     -- passed first time (first pass yield)
  defect_code  VARCHAR               -- set when not is_good
);

CREATE TABLE downtime_reasons (
  reason_code   VARCHAR PRIMARY KEY,
  text_de       VARCHAR NOT NULL,
  text_en       VARCHAR NOT NULL,
  loss_category VARCHAR NOT NULL,    -- 'breakdown', 'setup', 'small_stop', 'material', 'quality', 'organisational', 'planned'
  planned       BOOLEAN NOT NULL     -- planned stops (meetings, planned maintenance) are not availability loss
);

CREATE TABLE downtime_events (       -- every stop of 2 minutes or more, inside worked shifts
  event_id    VARCHAR PRIMARY KEY,
  line_id     VARCHAR NOT NULL REFERENCES lines(line_id),
  station_id  VARCHAR REFERENCES stations(station_id),
  start_ts    TIMESTAMP NOT NULL,
  end_ts      TIMESTAMP NOT NULL,
  duration_s  DOUBLE NOT NULL,
  reason_code VARCHAR NOT NULL REFERENCES downtime_reasons(reason_code),
  shift_date  DATE    NOT NULL,
  shift_code  VARCHAR NOT NULL,
  note        VARCHAR                -- free text typed at the line
);

CREATE TABLE changeovers (           -- each changeover is also a downtime event with loss_category 'setup'
  changeover_id       VARCHAR PRIMARY KEY,
  line_id             VARCHAR NOT NULL REFERENCES lines(line_id),
  event_id            VARCHAR NOT NULL REFERENCES downtime_events(event_id),
  from_product_id     VARCHAR NOT NULL REFERENCES products(product_id),
  to_product_id       VARCHAR NOT NULL REFERENCES products(product_id),
  start_ts            TIMESTAMP NOT NULL,
  end_ts              TIMESTAMP NOT NULL,
  duration_s          DOUBLE NOT NULL,
  standard_duration_s DOUBLE NOT NULL -- the standard (target) time for this kind of changeover
);

CREATE TABLE alarm_codes (
  alarm_code VARCHAR PRIMARY KEY,
  text_de    VARCHAR NOT NULL,
  text_en    VARCHAR NOT NULL
);

CREATE TABLE alarms (                -- machine alarms, short stops under 2 minutes included
  station_id VARCHAR NOT NULL REFERENCES stations(station_id),
  ts         TIMESTAMP NOT NULL,
  alarm_code VARCHAR NOT NULL REFERENCES alarm_codes(alarm_code),
  duration_s DOUBLE NOT NULL
);

CREATE TABLE defect_codes (
  defect_code VARCHAR PRIMARY KEY,
  text_de     VARCHAR NOT NULL,
  text_en     VARCHAR NOT NULL,
  category    VARCHAR NOT NULL
);

CREATE TABLE maintenance_orders (
  mo_id       VARCHAR PRIMARY KEY,
  line_id     VARCHAR NOT NULL REFERENCES lines(line_id),
  station_id  VARCHAR REFERENCES stations(station_id),
  kind        VARCHAR NOT NULL,      -- 'preventive', 'corrective'
  created_ts  TIMESTAMP NOT NULL,
  start_ts    TIMESTAMP,
  end_ts      TIMESTAMP,
  description VARCHAR NOT NULL,
  status      VARCHAR NOT NULL       -- 'open', 'in_progress', 'done'
);

CREATE TABLE energy_meters (
  meter_id    VARCHAR PRIMARY KEY,
  line_id     VARCHAR REFERENCES lines(line_id), -- NULL: site-wide meter
  medium      VARCHAR NOT NULL,      -- 'electricity', 'compressed_air', 'heat', 'gas'
  unit        VARCHAR NOT NULL,      -- 'kWh' in the sample plant
  description VARCHAR NOT NULL
);

CREATE TABLE energy_readings (       -- consumption in the 15-minute interval that starts at ts
  meter_id VARCHAR NOT NULL REFERENCES energy_meters(meter_id),
  ts       TIMESTAMP NOT NULL,
  value    DOUBLE NOT NULL,
  PRIMARY KEY (meter_id, ts)
);

CREATE TABLE kpi_targets (
  line_id VARCHAR NOT NULL REFERENCES lines(line_id),
  kpi     VARCHAR NOT NULL,          -- 'oee', 'availability', 'performance', 'quality', 'kwh_per_good_unit', 'cycle_time_s'
  target  DOUBLE NOT NULL,           -- ratios as fractions (0.85), not percent
  PRIMARY KEY (line_id, kpi)
);

-- Optional tables (DATA_CONTRACT.md): a source may have them; the copilot uses them when present.
CREATE TABLE glossary (              -- the plant's own words for its things, maintained by the plant
  kind     VARCHAR NOT NULL,         -- 'line', 'station', 'product', 'family', 'reason', 'defect', 'alarm',
                                     -- 'supplier', 'team', 'meter', 'medium'
  id       VARCHAR NOT NULL,         -- the identifier it names: 'L2-S2', 'BD-HYD', 'A-217'
  term     VARCHAR NOT NULL,         -- 'Transferpresse', 'Hydraulik', 'Greifer'
  language VARCHAR NOT NULL          -- 'de', 'en' or 'any'
);

CREATE TABLE energy_tariffs (        -- price of energy per interval, for savings in money and energy windows
  medium        VARCHAR NOT NULL,    -- 'electricity', ...
  ts            TIMESTAMP NOT NULL,  -- start of the interval (15 min or 1 h)
  price_per_kwh DOUBLE NOT NULL,
  currency      VARCHAR NOT NULL,    -- 'EUR'
  PRIMARY KEY (medium, ts)
);
