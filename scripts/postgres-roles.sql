-- Caseload's two PostgreSQL roles and its database, made once by a superuser (see README, "Running for an authority"):
--   psql -h HOST -U postgres -v owner=caseload_owner -v app=caseload_app -v database=caseload -f scripts/postgres-roles.sql
-- The owner role owns the database, its tables and their triggers: the migrations connect as it
-- (ConnectionStrings__Migrations). The app role owns nothing: the app connects as it (ConnectionStrings__Caseload), and
-- after every migration run the owner grants it what it may do (Database__AppRole names it). Neither is a superuser.
-- Give each a password afterwards with psql's \password (it prompts; never on a command line), or use the authority's
-- own authentication (certificates, Kerberos) in pg_hba.conf.
\set ON_ERROR_STOP on
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"database" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
-- Only the two roles connect; nobody else may create objects in the database.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"app";
\connect :"database"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
