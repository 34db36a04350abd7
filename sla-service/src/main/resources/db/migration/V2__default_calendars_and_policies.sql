INSERT INTO calendar (id, weekly_hours, holidays) VALUES
('business-hours', '{"MONDAY":[{"from":"09:00","to":"17:00"}],"TUESDAY":[{"from":"09:00","to":"17:00"}],"WEDNESDAY":[{"from":"09:00","to":"17:00"}],"THURSDAY":[{"from":"09:00","to":"17:00"}],"FRIDAY":[{"from":"09:00","to":"17:00"}]}', '[]'),
('24x7', '{"MONDAY":[{"from":"00:00","to":"24:00"}],"TUESDAY":[{"from":"00:00","to":"24:00"}],"WEDNESDAY":[{"from":"00:00","to":"24:00"}],"THURSDAY":[{"from":"00:00","to":"24:00"}],"FRIDAY":[{"from":"00:00","to":"24:00"}],"SATURDAY":[{"from":"00:00","to":"24:00"}],"SUNDAY":[{"from":"00:00","to":"24:00"}]}', '[]');

INSERT INTO policy (id, name, calendar_id, warning_thresholds, targets) VALUES
('standard', 'Standard (business hours)', 'business-hours', '[75,90]',
 '{"S1":{"firstResponse":"PT1H","resolution":"PT8H"},"S2":{"firstResponse":"PT4H","resolution":"PT16H"},"S3":{"firstResponse":"PT8H","resolution":"PT24H"},"S4":{"firstResponse":"PT16H","resolution":null},"S5":{"firstResponse":"PT16H","resolution":null}}'),
('extended', 'Extended (business hours)', 'business-hours', '[75,90]',
 '{"S1":{"firstResponse":"PT1H","resolution":"PT8H"},"S2":{"firstResponse":"PT4H","resolution":"PT16H"},"S3":{"firstResponse":"PT12H","resolution":"PT24H"},"S4":{"firstResponse":"PT24H","resolution":null},"S5":{"firstResponse":"PT48H","resolution":null}}'),
('dedicated', 'Dedicated (24x7)', '24x7', '[75,90]',
 '{"S1":{"firstResponse":"PT1H","resolution":"PT8H"},"S2":{"firstResponse":"PT4H","resolution":"PT16H"},"S3":{"firstResponse":"PT12H","resolution":"PT24H"},"S4":{"firstResponse":"PT24H","resolution":null},"S5":{"firstResponse":"PT48H","resolution":null}}');
