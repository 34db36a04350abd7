package dev.helpdesk.bench;

import dev.helpdesk.bench.PipelineCost.Phase;
import dev.helpdesk.bench.PipelineCost.Result;

import java.util.List;

/** The tables of the pipeline benchmark: each build's phases, and before/after ratios when two builds ran. */
final class PipelineReport {

    private static final List<String> CONSUMERS = List.of("sla-service", "escalation-service", "budget-service", "ticket-service");

    private PipelineReport() {
    }

    static String render(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("Statements are PostgreSQL statements as counted by `pg_stat_statements` (`calls`, every database of "
                + "the service; BEGIN/COMMIT/SET included; each is one round trip or part of one). CPU is user + system "
                + "time of each process from `/proc`; \"without JIT\" leaves out its C1/C2 compiler threads (the cost of "
                + "compiling, which falls to zero once the code is compiled, and which a longer run pays less of). "
                + "\"Idle-corrected\" subtracts the idle rate of the same build times "
                + "the phase's duration, so that only the work is attributed; raw figures include the pollers. A "
                + "\"ticket event\" is a row appended to the ticket-service's event store (`domain_event_entry`) during "
                + "the phase; every consumer of `helpdesk.tickets.v1` reads each of them once.\n\n");
        if (results.size() == 2) {
            out.append(comparison(results.get(0), results.get(1))).append("\n");
        }
        for (Result result : results) {
            out.append(build(result)).append("\n");
        }
        return out.toString();
    }

    private static String comparison(Result before, Result after) {
        StringBuilder t = new StringBuilder("## Before and after, same run\n\n- " + before.label() + "\n- "
                + after.label() + "\n\n| figure | before | after | after / before | goal |\n|---|---|---|---|---|\n");
        double idleBefore = totalIdleRate(before);
        double idleAfter = totalIdleRate(after);
        row(t, "**idle statements/s, all services**", idleBefore, idleAfter, "<= 0.10");
        PipelineCost.DATABASES.forEach((db, service) ->
                row(t, "idle statements/s, " + service + " (`" + db + "`)", before.idleRate(db), after.idleRate(db), ""));
        for (String service : CONSUMERS) {
            String db = database(service);
            row(t, "statements per ticket event, " + service + " (idle-corrected)",
                    perEvent(before.corrected(before.mixed(), db), before.mixed()),
                    perEvent(after.corrected(after.mixed(), db), after.mixed()), "");
        }
        for (String service : CONSUMERS) {
            row(t, "CPU ms per ticket event, " + service + " (idle-corrected)",
                    perEvent(before.correctedCpu(before.mixed(), service), before.mixed()),
                    perEvent(after.correctedCpu(after.mixed(), service), after.mixed()), "");
        }
        row(t, "**sla-service statements per opened ticket** (idle-corrected)",
                perTicket(before.corrected(before.opens(), "sla"), before.opens()),
                perTicket(after.corrected(after.opens(), "sla"), after.opens()), "<= 0.33");
        for (String service : CONSUMERS) {
            row(t, "CPU ms per ticket event without JIT, " + service + " (idle-corrected)",
                    perEvent(before.correctedWorkCpu(before.mixed(), service), before.mixed()),
                    perEvent(after.correctedWorkCpu(after.mixed(), service), after.mixed()), "");
        }
        row(t, "sla-service CPU ms per opened ticket (idle-corrected)",
                perTicket(before.correctedCpu(before.opens(), "sla-service"), before.opens()),
                perTicket(after.correctedCpu(after.opens(), "sla-service"), after.opens()), "");
        row(t, "**sla-service CPU ms per opened ticket without JIT** (idle-corrected)",
                perTicket(before.correctedWorkCpu(before.opens(), "sla-service"), before.opens()),
                perTicket(after.correctedWorkCpu(after.opens(), "sla-service"), after.opens()), "<= 0.33");
        row(t, "sla-service statements per opened ticket, backlog (idle-corrected)",
                perTicket(before.corrected(before.backlog(), "sla"), before.backlog()),
                perTicket(after.corrected(after.backlog(), "sla"), after.backlog()), "");
        row(t, "sla-service CPU ms per opened ticket, backlog (idle-corrected)",
                perTicket(before.correctedCpu(before.backlog(), "sla-service"), before.backlog()),
                perTicket(after.correctedCpu(after.backlog(), "sla-service"), after.backlog()), "");
        row(t, "**sla-service CPU ms per opened ticket without JIT, backlog** (idle-corrected)",
                perTicket(before.correctedWorkCpu(before.backlog(), "sla-service"), before.backlog()),
                perTicket(after.correctedWorkCpu(after.backlog(), "sla-service"), after.backlog()), "");
        return t.toString();
    }

    private static void row(StringBuilder t, String name, double before, double after, String goal) {
        t.append("| ").append(name).append(" | ").append(Bench.f2(before)).append(" | ").append(Bench.f2(after))
                .append(" | ").append(before == 0 ? "-" : Bench.f2(after / before)).append(" | ").append(goal).append(" |\n");
    }

    private static String build(Result r) {
        StringBuilder t = new StringBuilder("## " + r.label() + "\n\n" + r.warmUp() + ".\n\n");
        t.append("### Idle: ").append(Bench.f(r.idle().seconds())).append(" s with nothing driven\n\n")
                .append("| service (database) | statements | statements/s | CPU ms per s |\n|---|---|---|---|\n");
        PipelineCost.DATABASES.forEach((db, service) -> t.append("| ").append(service).append(" (`").append(db).append("`) | ")
                .append(r.idle().statements(db)).append(" | ").append(Bench.f(r.idleRate(db))).append(" | ")
                .append(Bench.f(r.idleCpuRate(service))).append(" |\n"));
        t.append("| **all** | ").append(r.idle().statements().values().stream().mapToLong(Long::longValue).sum())
                .append(" | **").append(Bench.f(totalIdleRate(r))).append("** | ")
                .append(Bench.f(r.idle().cpuMillis().values().stream().mapToDouble(Double::doubleValue).sum() / r.idle().seconds()))
                .append(" (all processes incl. Kafka, PostgreSQL, gateway, benchmark) |\n\n");
        t.append("Most frequent statements while idle:\n\n");
        r.idle().topStatements().forEach((db, lines) -> {
            t.append("- `").append(db).append("`:\n");
            lines.forEach(line -> t.append("  - ").append(line).append("\n"));
        });
        t.append("\n").append(load(r.idle())).append("\n\n");

        Phase m = r.mixed();
        t.append("### Consumers: ").append(m.commands()).append(" commands (").append(m.ticketsOpened())
                .append(" tickets: open, comment, status, time entry; an escalation request on every fifth) -> ")
                .append(m.ticketEvents()).append(" ticket events, ").append(Bench.f(m.seconds())).append(" s including ")
                .append(Bench.f(m.catchUpSeconds())).append(" s until all consumers caught up")
                .append(m.caughtUp() ? "" : " (**did not catch up within 180 s**)").append("\n\n")
                .append("| service | records its consumer group committed | statements | per ticket event, raw | idle-corrected "
                        + "| CPU ms | CPU ms per ticket event, raw | idle-corrected | without JIT, idle-corrected |\n"
                        + "|---|---|---|---|---|---|---|---|---|\n");
        for (String service : CONSUMERS) {
            String db = database(service);
            double cpu = m.cpuMillis().getOrDefault(service, 0.0);
            t.append("| ").append(service).append(service.equals("ticket-service") ? " (all of it: commands, views, "
                            + "publishing and its escalation consumer; not separable by database)" : "")
                    .append(" | ").append(m.consumed().getOrDefault(service, 0L))
                    .append(" | ").append(m.statements(db))
                    .append(" | ").append(Bench.f2(perEvent(m.statements(db), m)))
                    .append(" | ").append(Bench.f2(perEvent(r.corrected(m, db), m)))
                    .append(" | ").append(Bench.f(cpu))
                    .append(" | ").append(Bench.f2(perEvent(cpu, m)))
                    .append(" | ").append(Bench.f2(perEvent(r.correctedCpu(m, service), m)))
                    .append(" | ").append(Bench.f2(perEvent(r.correctedWorkCpu(m, service), m))).append(" |\n");
        }
        t.append("\nOther processes, CPU ms per ticket event (raw): ");
        m.cpuMillis().forEach((process, millis) -> {
            if (!CONSUMERS.contains(process)) {
                t.append(process).append(" ").append(Bench.f2(perEvent(millis, m))).append("; ");
            }
        });
        t.append("of all, JIT compiler threads ").append(Bench.f2(perEvent(m.jitMillis(), m))).append(".\n\n")
                .append(load(m)).append("\n\n");

        t.append(opened(r, r.opens(), "### SLA per opened ticket: " + r.opens().ticketsOpened()
                + " tickets opened (nothing else) -> " + r.opens().ticketEvents() + " ticket events"));
        t.append("\n").append(opened(r, r.backlog(), "### SLA per opened ticket, backlog: " + r.backlog().ticketsOpened()
                + " tickets opened while the sla-service was frozen (SIGSTOP), measured from its release (SIGCONT)"));
        return t.toString();
    }

    private static String opened(Result r, Phase o, String title) {
        StringBuilder t = new StringBuilder();
        double slaCpu = o.cpuMillis().getOrDefault("sla-service", 0.0);
        t.append(title).append(", ").append(Bench.f(o.seconds())).append(" s including ")
                .append(Bench.f(o.catchUpSeconds())).append(" s catching up")
                .append(o.caughtUp() ? "" : " (**did not catch up within 180 s**)").append("\n\n")
                .append("| service | statements | per opened ticket, raw | idle-corrected | CPU ms | CPU ms per opened ticket, raw | idle-corrected | without JIT, idle-corrected |\n")
                .append("|---|---|---|---|---|---|---|---|\n")
                .append("| sla-service | ").append(o.statements("sla"))
                .append(" | ").append(Bench.f2(perTicket(o.statements("sla"), o)))
                .append(" | ").append(Bench.f2(perTicket(r.corrected(o, "sla"), o)))
                .append(" | ").append(Bench.f(slaCpu))
                .append(" | ").append(Bench.f2(perTicket(slaCpu, o)))
                .append(" | ").append(Bench.f2(perTicket(r.correctedCpu(o, "sla-service"), o)))
                .append(" | ").append(Bench.f2(perTicket(r.correctedWorkCpu(o, "sla-service"), o))).append(" |\n\n");
        t.append("Most frequent statements of the sla database in this phase:\n\n");
        o.topStatements().getOrDefault("sla", List.of()).forEach(line -> t.append("- ").append(line).append("\n"));
        t.append("\n").append(load(o)).append("\n");
        return t.toString();
    }

    private static String load(Phase phase) {
        double cores = Runtime.getRuntime().availableProcessors();
        double stack = phase.cpuMillis().values().stream().mapToDouble(Double::doubleValue).sum() / (phase.seconds() * 1000 * cores);
        double machine = phase.load()[1];
        return "Machine during the phase: load average " + Bench.f2(phase.load()[0]) + " at its end; cores busy "
                + Math.round(machine * 100) + " % in all, of which the stack and the benchmark " + Math.round(stack * 100)
                + " % and other processes (other builds) " + Math.round(Math.max(0, machine - stack) * 100) + " %.";
    }

    private static double totalIdleRate(Result r) {
        return PipelineCost.DATABASES.keySet().stream().mapToDouble(r::idleRate).sum();
    }

    private static String database(String service) {
        return PipelineCost.DATABASES.entrySet().stream().filter(e -> e.getValue().equals(service)).findFirst()
                .orElseThrow().getKey();
    }

    private static double perEvent(double value, Phase phase) {
        return value / Math.max(1, phase.ticketEvents());
    }

    private static double perTicket(double value, Phase phase) {
        return value / Math.max(1, phase.ticketsOpened());
    }
}
