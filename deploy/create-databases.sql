-- One database per service (each service owns its data).
CREATE DATABASE tickets;
CREATE DATABASE sla;
CREATE DATABASE escalations;
CREATE DATABASE budgets;
