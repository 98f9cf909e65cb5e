CREATE TABLE `member_search_keys` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`digest` text NOT NULL,
	PRIMARY KEY(`user_id`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `member_search_keys_digest` ON `member_search_keys` (`kind`,`digest`);--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`blocked_until` text NOT NULL,
	`last_failure_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_devices` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`last_used_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `staff_devices_staff` ON `staff_devices` (`staff_id`);--> statement-breakpoint
ALTER TABLE `inquiries` ADD `staff_notified_at` text;--> statement-breakpoint
ALTER TABLE `staff_users` DROP COLUMN `failed_attempts`;--> statement-breakpoint
ALTER TABLE `staff_users` DROP COLUMN `locked_until`;