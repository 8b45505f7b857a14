CREATE TABLE `benchmark_value` (
	`framework` text NOT NULL,
	`measure_code` text NOT NULL,
	`year` text NOT NULL,
	`geography_level` text NOT NULL,
	`geography_code` text NOT NULL,
	`ons_code` text,
	`geography_name` text,
	`disaggregation` text DEFAULT '' NOT NULL,
	`numerator` real,
	`denominator` real,
	`outcome` real,
	`marker` text,
	`margin_of_error` real,
	`source` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `benchmark_value_row_key` ON `benchmark_value` (`row_key`);--> statement-breakpoint
CREATE INDEX `benchmark_value_measure` ON `benchmark_value` (`measure_code`,`year`,`geography_code`);--> statement-breakpoint
CREATE INDEX `benchmark_value_file` ON `benchmark_value` (`file_id`);--> statement-breakpoint
CREATE TABLE `contact` (
	`la_code` text NOT NULL,
	`contact_id` text NOT NULL,
	`person_id` text,
	`contact_date` text NOT NULL,
	`route` text,
	`outcome` text,
	`outcome_source` text,
	`team` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_row_key` ON `contact` (`row_key`);--> statement-breakpoint
CREATE INDEX `contact_date` ON `contact` (`contact_date`);--> statement-breakpoint
CREATE INDEX `contact_file` ON `contact` (`file_id`);--> statement-breakpoint
CREATE TABLE `dols_application` (
	`la_code` text NOT NULL,
	`application_ref` text NOT NULL,
	`person_id` text,
	`managing_authority_cqc` text,
	`received_date` text NOT NULL,
	`urgent` integer,
	`age_assessment` integer,
	`mental_health_assessment` integer,
	`mental_capacity_assessment` integer,
	`no_refusals_assessment` integer,
	`eligibility_assessment` integer,
	`best_interests_assessment` integer,
	`last_assessment_date` text,
	`signed_off_date` text,
	`status` text NOT NULL,
	`status_source` text,
	`not_granted_reason` text,
	`authorisation_start` text,
	`authorisation_end` text,
	`age_band` text,
	`gender` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dols_application_row_key` ON `dols_application` (`row_key`);--> statement-breakpoint
CREATE INDEX `dols_application_dates` ON `dols_application` (`received_date`,`signed_off_date`);--> statement-breakpoint
CREATE INDEX `dols_application_file` ON `dols_application` (`file_id`);--> statement-breakpoint
CREATE TABLE `hospital_episode` (
	`la_code` text NOT NULL,
	`episode_id` text NOT NULL,
	`person_id` text NOT NULL,
	`age_at_discharge` integer,
	`admission_date` text NOT NULL,
	`discharge_date` text,
	`admission_method` text,
	`discharge_method` text,
	`discharge_destination` text,
	`treatment_function` text,
	`management_type` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hospital_episode_row_key` ON `hospital_episode` (`row_key`);--> statement-breakpoint
CREATE INDEX `hospital_episode_person` ON `hospital_episode` (`la_code`,`person_id`,`discharge_date`);--> statement-breakpoint
CREATE INDEX `hospital_episode_file` ON `hospital_episode` (`file_id`);--> statement-breakpoint
CREATE TABLE `local_record` (
	`dataset` text NOT NULL,
	`la_code` text NOT NULL,
	`record_id` text NOT NULL,
	`person_id` text,
	`record_date` text NOT NULL,
	`end_date` text,
	`category` text,
	`outcome` text,
	`source` text,
	`team` text,
	`value` real,
	`attributes` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `local_record_row_key` ON `local_record` (`row_key`);--> statement-breakpoint
CREATE INDEX `local_record_dataset` ON `local_record` (`dataset`,`record_date`);--> statement-breakpoint
CREATE INDEX `local_record_file` ON `local_record` (`file_id`);--> statement-breakpoint
CREATE TABLE `population_estimate` (
	`geography_code` text NOT NULL,
	`geography_name` text,
	`year` integer NOT NULL,
	`sex` text NOT NULL,
	`age` integer NOT NULL,
	`value` integer NOT NULL,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `population_estimate_row_key` ON `population_estimate` (`row_key`);--> statement-breakpoint
CREATE INDEX `population_estimate_geo` ON `population_estimate` (`geography_code`,`year`,`sex`);--> statement-breakpoint
CREATE INDEX `population_estimate_file` ON `population_estimate` (`file_id`);--> statement-breakpoint
CREATE TABLE `provider_rating` (
	`location_id` text NOT NULL,
	`location_name` text,
	`local_authority` text,
	`care_type` text,
	`rating` text,
	`rating_date` text,
	`as_at` text NOT NULL,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_rating_row_key` ON `provider_rating` (`row_key`);--> statement-breakpoint
CREATE INDEX `provider_rating_la` ON `provider_rating` (`local_authority`,`as_at`);--> statement-breakpoint
CREATE INDEX `provider_rating_file` ON `provider_rating` (`file_id`);--> statement-breakpoint
CREATE TABLE `safeguarding_concern` (
	`la_code` text NOT NULL,
	`concern_id` text NOT NULL,
	`person_id` text,
	`received_date` text NOT NULL,
	`source` text,
	`team` text,
	`outcome` text,
	`decision_date` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safeguarding_concern_row_key` ON `safeguarding_concern` (`row_key`);--> statement-breakpoint
CREATE INDEX `safeguarding_concern_date` ON `safeguarding_concern` (`received_date`);--> statement-breakpoint
CREATE INDEX `safeguarding_concern_file` ON `safeguarding_concern` (`file_id`);--> statement-breakpoint
CREATE TABLE `safeguarding_enquiry` (
	`la_code` text NOT NULL,
	`enquiry_id` text NOT NULL,
	`concern_id` text,
	`person_id` text,
	`enquiry_type` text NOT NULL,
	`team` text,
	`start_date` text NOT NULL,
	`concluded_date` text,
	`risk_assessment_outcome` text,
	`result_of_action` text,
	`lacked_capacity` text,
	`supported_by_advocate` text,
	`msp_asked` text,
	`msp_achieved` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safeguarding_enquiry_row_key` ON `safeguarding_enquiry` (`row_key`);--> statement-breakpoint
CREATE INDEX `safeguarding_enquiry_dates` ON `safeguarding_enquiry` (`start_date`,`concluded_date`);--> statement-breakpoint
CREATE INDEX `safeguarding_enquiry_file` ON `safeguarding_enquiry` (`file_id`);--> statement-breakpoint
CREATE TABLE `safeguarding_risk` (
	`la_code` text NOT NULL,
	`enquiry_id` text NOT NULL,
	`type_of_risk` text NOT NULL,
	`source_of_risk` text,
	`location_of_risk` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safeguarding_risk_row_key` ON `safeguarding_risk` (`row_key`);--> statement-breakpoint
CREATE INDEX `safeguarding_risk_enquiry` ON `safeguarding_risk` (`la_code`,`enquiry_id`);--> statement-breakpoint
CREATE INDEX `safeguarding_risk_file` ON `safeguarding_risk` (`file_id`);--> statement-breakpoint
CREATE TABLE `survey_response` (
	`survey` text NOT NULL,
	`year` text NOT NULL,
	`la_code` text NOT NULL,
	`respondent_id` text NOT NULL,
	`weight` real,
	`age` integer,
	`answers` text NOT NULL,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_response_row_key` ON `survey_response` (`row_key`);--> statement-breakpoint
CREATE INDEX `survey_response_survey` ON `survey_response` (`survey`,`year`,`la_code`);--> statement-breakpoint
CREATE INDEX `survey_response_file` ON `survey_response` (`file_id`);--> statement-breakpoint
CREATE TABLE `work_item` (
	`la_code` text NOT NULL,
	`item_id` text NOT NULL,
	`person_id` text,
	`work_type` text NOT NULL,
	`work_type_source` text,
	`team` text,
	`priority` text,
	`entered_date` text NOT NULL,
	`allocated_date` text,
	`closed_date` text,
	`row_key` text NOT NULL,
	`precedence` text,
	`run_id` text NOT NULL,
	`file_id` integer NOT NULL,
	`row_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_item_row_key` ON `work_item` (`row_key`);--> statement-breakpoint
CREATE INDEX `work_item_type` ON `work_item` (`work_type`,`entered_date`);--> statement-breakpoint
CREATE INDEX `work_item_file` ON `work_item` (`file_id`);--> statement-breakpoint
ALTER TABLE `event` ADD `source_type` text;--> statement-breakpoint
ALTER TABLE `event` ADD `due_date` text;--> statement-breakpoint
ALTER TABLE `event` ADD `team` text;--> statement-breakpoint
ALTER TABLE `event` ADD `provider_name` text;