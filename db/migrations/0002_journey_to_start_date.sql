CREATE TABLE `roster_links` (
	`registration_number` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`source` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_links_user` ON `roster_links` (`user_id`);--> statement-breakpoint
ALTER TABLE `members` ADD `exemption` text;--> statement-breakpoint
ALTER TABLE `members` ADD `exempted_at` text;
--> statement-breakpoint
-- Data: the journey now goes past 「アプリを入れた」 to the 運用開始日 (issue 11). Members stored at
-- appInstalled (told 「すべて完了」) keep that step and get one reminder that the 運用開始日 is still
-- to be entered (the runner pushes it within the push hours); the old 「アプリのダウンロード」
-- reminder after 利用開始申請 no longer fits the steps (承認 and the account come first): cancelled.
UPDATE `reminders` SET `status` = 'cancelled' WHERE `kind` = 'appInstall' AND `status` = 'pending';--> statement-breakpoint
INSERT INTO `reminders` (`id`, `user_id`, `kind`, `due_at`, `status`, `retry_key`, `created_at`)
SELECT lower(hex(randomblob(16))), `user_id`, 'startDate', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'pending',
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `members` WHERE `journey_step` = 'appInstalled' AND `status` = 'active'
ON CONFLICT (`user_id`, `kind`) DO NOTHING;
