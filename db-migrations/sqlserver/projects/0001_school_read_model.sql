-- Projects' own copy of the school directory, fed by SchoolRegistered/SchoolUpdated/SchoolClosed.
CREATE TABLE projects.school (
    uai                 CHAR(8) NOT NULL CONSTRAINT pk_projects_school PRIMARY KEY,
    name                NVARCHAR(200) NOT NULL,
    type                NVARCHAR(20) NOT NULL,
    departement         NVARCHAR(3) NOT NULL,
    academie            NVARCHAR(10) NOT NULL,
    priority_education  NVARCHAR(10) NOT NULL,
    latitude            FLOAT NULL,
    longitude           FLOAT NULL,
    status              NVARCHAR(10) NOT NULL,
    version             INT NOT NULL
);
