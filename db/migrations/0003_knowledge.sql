CREATE TABLE `knowledge_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`published` text,
	`draft` text,
	`draft_by` integer,
	`draft_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `knowledge_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`staff_id` integer,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `knowledge_revisions_entry` ON `knowledge_revisions` (`entry_id`,`id`);--> statement-breakpoint
CREATE TABLE `question_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outcome` text NOT NULL,
	`entry_id` text,
	`question` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `question_outcomes_at` ON `question_outcomes` (`created_at`);