-- Networks and professional collectives: members (schools, people by id), multi-year objectives,
-- training needs, relay progression, network events with attendance, partnership conventions.
-- Dates are ISO 8601 text (yyyy-MM-dd) on both engines, so they compare and sort as text.
-- People are referenced by id only: no name is stored here (see ADR 0009).
CREATE TABLE networks.network (
    id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_network PRIMARY KEY,
    academie      NVARCHAR(10) NOT NULL CONSTRAINT fk_network_academie REFERENCES networks.academie (code),
    departement   NVARCHAR(3) NULL CONSTRAINT fk_network_departement REFERENCES networks.departement (code),
    kind          NVARCHAR(40) NOT NULL,
    name          NVARCHAR(200) NOT NULL,
    description   NVARCHAR(2000) NULL,
    active_years  NVARCHAR(200) NOT NULL,
    search_text   NVARCHAR(400) NOT NULL,
    version       INT NOT NULL,
    created_at    DATETIMEOFFSET NOT NULL,
    updated_at    DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_network_academie ON networks.network (academie, id);
CREATE INDEX ix_network_departement ON networks.network (departement, id);

CREATE TABLE networks.network_school (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_network_school PRIMARY KEY,
    network_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_network_school_network_id REFERENCES networks.network (id),
    uai         CHAR(8) NOT NULL CONSTRAINT fk_network_school_uai REFERENCES networks.school (uai),
    kind        NVARCHAR(40) NOT NULL,
    from_date   NVARCHAR(10) NULL,
    to_date     NVARCHAR(10) NULL
);

CREATE INDEX ix_network_school_network ON networks.network_school (network_id, uai);
CREATE INDEX ix_network_school_uai ON networks.network_school (uai, kind);

CREATE TABLE networks.network_person (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_network_person PRIMARY KEY,
    network_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_network_person_network_id REFERENCES networks.network (id),
    person_id   UNIQUEIDENTIFIER NOT NULL,
    role        NVARCHAR(20) NOT NULL,
    domain      NVARCHAR(40) NULL,
    from_date   NVARCHAR(10) NULL,
    to_date     NVARCHAR(10) NULL
);

CREATE INDEX ix_network_person_network ON networks.network_person (network_id, person_id);
CREATE INDEX ix_network_person_person ON networks.network_person (person_id);

CREATE TABLE networks.network_objective (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_network_objective PRIMARY KEY,
    network_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_network_objective_network_id REFERENCES networks.network (id),
    school_year  NVARCHAR(9) NOT NULL,
    title        NVARCHAR(200) NOT NULL,
    description  NVARCHAR(2000) NULL,
    status       NVARCHAR(20) NOT NULL,
    version      INT NOT NULL,
    created_at   DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_network_objective_network ON networks.network_objective (network_id, school_year);

CREATE TABLE networks.training_need (
    id              UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_training_need PRIMARY KEY,
    network_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_training_need_network_id REFERENCES networks.network (id),
    uai             CHAR(8) NOT NULL CONSTRAINT fk_training_need_uai REFERENCES networks.school (uai),
    theme           NVARCHAR(200) NOT NULL,
    theme_key       NVARCHAR(200) NOT NULL,
    audience        NVARCHAR(30) NOT NULL,
    priority        NVARCHAR(10) NOT NULL,
    staff_concerned INT NOT NULL,
    created_at      DATETIMEOFFSET NOT NULL
);

CREATE UNIQUE INDEX ux_training_need ON networks.training_need (network_id, uai, theme_key, audience);

CREATE TABLE networks.relay (
    id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_relay PRIMARY KEY,
    network_id    UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_relay_network_id REFERENCES networks.network (id),
    person_id     UNIQUEIDENTIFIER NOT NULL,
    academie      NVARCHAR(10) NOT NULL,
    departement   NVARCHAR(3) NULL,
    stage         INT NOT NULL,
    status        NVARCHAR(20) NOT NULL,
    cpc_id        UNIQUEIDENTIFIER NULL,
    last_date     NVARCHAR(10) NOT NULL,
    steps         NVARCHAR(MAX) NOT NULL,
    version       INT NOT NULL
);

CREATE UNIQUE INDEX ux_relay ON networks.relay (network_id, person_id);
CREATE INDEX ix_relay_departement ON networks.relay (academie, departement, id);

CREATE TABLE networks.network_event (
    id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_network_event PRIMARY KEY,
    network_id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_network_event_network_id REFERENCES networks.network (id),
    kind               NVARCHAR(40) NOT NULL,
    title              NVARCHAR(200) NOT NULL,
    event_date         NVARCHAR(10) NOT NULL,
    place              NVARCHAR(200) NULL,
    observer_id        UNIQUEIDENTIFIER NULL,
    observed_person_id UNIQUEIDENTIFIER NULL,
    observed_class     NVARCHAR(100) NULL,
    uai                CHAR(8) NULL CONSTRAINT fk_network_event_uai REFERENCES networks.school (uai),
    focus              NVARCHAR(500) NULL,
    inspe_student_id   UNIQUEIDENTIFIER NULL,
    attendance         NVARCHAR(MAX) NOT NULL,
    version            INT NOT NULL
);

CREATE INDEX ix_network_event_network ON networks.network_event (network_id, event_date, id);

CREATE TABLE networks.network_convention (
    id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_network_convention PRIMARY KEY,
    network_id    UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_network_convention_network_id REFERENCES networks.network (id),
    partner_kind  NVARCHAR(30) NOT NULL,
    partner       NVARCHAR(200) NOT NULL,
    object        NVARCHAR(2000) NOT NULL,
    start_date    NVARCHAR(10) NOT NULL,
    end_date      NVARCHAR(10) NULL,
    documents     NVARCHAR(MAX) NOT NULL,
    version       INT NOT NULL
);

CREATE INDEX ix_network_convention_network ON networks.network_convention (network_id, id);
