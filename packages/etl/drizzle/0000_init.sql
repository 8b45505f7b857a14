CREATE TABLE `carer_link` (
	`la_code` text NOT NULL,
	`carer_person_id` text NOT NULL,
	`cared_for_la_person_id_pseudo` text NOT NULL,
	`as_at` text NOT NULL,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `carer_link_row_key` ON `carer_link` (`row_key`);--> statement-breakpoint
CREATE INDEX `carer_link_file` ON `carer_link` (`file_id`);--> statement-breakpoint
CREATE TABLE `etl_file` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`plugin` text NOT NULL,
	`stream` text NOT NULL,
	`path` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`status` text NOT NULL,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`rows_loaded` integer DEFAULT 0 NOT NULL,
	`rows_quarantined` integer DEFAULT 0 NOT NULL,
	`rows_duplicate` integer DEFAULT 0 NOT NULL,
	`findings` integer DEFAULT 0 NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `etl_file_sha256` ON `etl_file` (`plugin`,`stream`,`sha256`);--> statement-breakpoint
CREATE UNIQUE INDEX `etl_file_loaded_once` ON `etl_file` (`plugin`,`stream`,`sha256`) WHERE "etl_file"."status" = 'loaded';--> statement-breakpoint
CREATE TABLE `etl_finding` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`stream` text NOT NULL,
	`row_number` integer NOT NULL,
	`column` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`value` text
);
--> statement-breakpoint
CREATE INDEX `etl_finding_file` ON `etl_finding` (`file_id`);--> statement-breakpoint
CREATE INDEX `etl_finding_column` ON `etl_finding` (`column`,`code`);--> statement-breakpoint
CREATE TABLE `etl_quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`stream` text NOT NULL,
	`row_number` integer NOT NULL,
	`column` text,
	`error_code` text NOT NULL,
	`message` text NOT NULL,
	`raw_json` text
);
--> statement-breakpoint
CREATE INDEX `etl_quarantine_file` ON `etl_quarantine` (`file_id`);--> statement-breakpoint
CREATE TABLE `etl_run` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`dry_run` integer DEFAULT false NOT NULL,
	`asckit_version` text NOT NULL,
	`config_json` text,
	`summary_json` text
);
--> statement-breakpoint
CREATE TABLE `event` (
	`la_code` text NOT NULL,
	`person_id` text NOT NULL,
	`event_type` text NOT NULL,
	`event_reference` text,
	`client_type` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`derived_end_date` text,
	`event_outcome` text,
	`event_description` text,
	`route_of_access` text,
	`assessment_type` text,
	`eligible_needs_identified` text,
	`method_of_assessment` text,
	`service_type` text,
	`service_component` text,
	`delivery_mechanism` text,
	`provider_cqc_location_id` text,
	`review_reason` text,
	`review_outcomes_achieved` text,
	`method_of_review` text,
	`unit_cost` real,
	`cost_frequency_unit_type` text,
	`planned_units_per_week` real,
	`total_hours_caring_per_week` real,
	`adults_cared_for` integer,
	`submission_start` text,
	`submission_end` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_row_key` ON `event` (`row_key`);--> statement-breakpoint
CREATE INDEX `event_person` ON `event` (`la_code`,`person_id`,`event_type`,`start_date`);--> statement-breakpoint
CREATE INDEX `event_type_dates` ON `event` (`event_type`,`start_date`,`end_date`);--> statement-breakpoint
CREATE INDEX `event_file` ON `event` (`file_id`);--> statement-breakpoint
CREATE TABLE `person` (
	`la_code` text NOT NULL,
	`person_id` text NOT NULL,
	`as_at` text NOT NULL,
	`nhs_number_pseudo` text,
	`la_person_id_pseudo` text,
	`nhs_number_raw` text,
	`la_person_id_raw` text,
	`client_type` text,
	`gender` text,
	`ethnicity` text,
	`birth_year` integer,
	`birth_month` integer,
	`date_of_death` text,
	`primary_support_reason` text,
	`accommodation_status` text,
	`employment_status` text,
	`has_unpaid_carer` text,
	`client_funding_status` text,
	`autism_spectrum_disorder` text,
	`visual_impairment` text,
	`hearing_impairment` text,
	`dementia` text,
	`gp_practice_code` text,
	`postcode_district` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_row_key` ON `person` (`row_key`);--> statement-breakpoint
CREATE INDEX `person_id` ON `person` (`la_code`,`person_id`,`as_at`);--> statement-breakpoint
CREATE INDEX `person_file` ON `person` (`file_id`);