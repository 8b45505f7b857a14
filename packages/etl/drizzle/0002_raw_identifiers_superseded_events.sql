ALTER TABLE `event` ADD `superseded` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `person` ADD `date_of_birth_raw` text;--> statement-breakpoint
ALTER TABLE `person` ADD `postcode_raw` text;--> statement-breakpoint
CREATE INDEX `person_la_id` ON `person` (`la_code`,`la_person_id_pseudo`);