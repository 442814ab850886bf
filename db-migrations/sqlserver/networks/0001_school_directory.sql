-- The territorial frame and the school directory.
CREATE TABLE networks.academie (
    code  NVARCHAR(10) NOT NULL CONSTRAINT pk_academie PRIMARY KEY,
    name  NVARCHAR(100) NOT NULL
);

CREATE TABLE networks.departement (
    code      NVARCHAR(3) NOT NULL CONSTRAINT pk_departement PRIMARY KEY,
    name      NVARCHAR(100) NOT NULL,
    academie  NVARCHAR(10) NOT NULL CONSTRAINT fk_departement_academie REFERENCES networks.academie (code)
);

CREATE TABLE networks.school (
    uai                 CHAR(8) NOT NULL CONSTRAINT pk_school PRIMARY KEY,
    name                NVARCHAR(200) NOT NULL,
    type                NVARCHAR(20) NOT NULL,
    sector              NVARCHAR(20) NOT NULL,
    address             NVARCHAR(300) NULL,
    postcode            NVARCHAR(10) NULL,
    commune             NVARCHAR(100) NULL,
    departement         NVARCHAR(3) NOT NULL CONSTRAINT fk_school_departement REFERENCES networks.departement (code),
    academie            NVARCHAR(10) NOT NULL CONSTRAINT fk_school_academie REFERENCES networks.academie (code),
    circonscription     NVARCHAR(200) NULL,
    priority_education  NVARCHAR(10) NOT NULL,
    latitude            FLOAT NULL,
    longitude           FLOAT NULL,
    status              NVARCHAR(10) NOT NULL,
    search_text         NVARCHAR(400) NOT NULL,
    version             INT NOT NULL,
    created_at          DATETIMEOFFSET NOT NULL,
    updated_at          DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_school_academie ON networks.school (academie, uai);
CREATE INDEX ix_school_departement ON networks.school (departement, uai);
