-- One database per service (each service owns its data); the gateway's holds its shared rate-limit buckets.
CREATE DATABASE tickets;
CREATE DATABASE sla;
CREATE DATABASE escalations;
CREATE DATABASE budgets;
CREATE DATABASE webhooks;
CREATE DATABASE notifications;
CREATE DATABASE gateway;
