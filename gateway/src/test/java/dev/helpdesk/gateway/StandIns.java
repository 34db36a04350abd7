package dev.helpdesk.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The services as stand-ins, pointed at by the gateway's service address properties. */
final class StandIns implements AutoCloseable {

    final ServiceStandIn tickets = new ServiceStandIn("tickets");
    final ServiceStandIn sla = new ServiceStandIn("sla");
    final ServiceStandIn escalations = new ServiceStandIn("escalations");
    final ServiceStandIn budgets = new ServiceStandIn("budgets");
    final ServiceStandIn webhooks = new ServiceStandIn("webhooks");
    final ServiceStandIn notifications = new ServiceStandIn("notifications");

    void register(DynamicPropertyRegistry registry) {
        registry.add("helpdesk.gateway.services.tickets.url", tickets::url);
        registry.add("helpdesk.gateway.services.sla.url", sla::url);
        registry.add("helpdesk.gateway.services.escalations.url", escalations::url);
        registry.add("helpdesk.gateway.services.budgets.url", budgets::url);
        registry.add("helpdesk.gateway.services.webhooks.url", webhooks::url);
        registry.add("helpdesk.gateway.services.notifications.url", notifications::url);
    }

    void forget() {
        tickets.forget();
        sla.forget();
        escalations.forget();
        budgets.forget();
        webhooks.forget();
        notifications.forget();
    }

    java.util.List<ServiceStandIn.Received> allReceived() {
        java.util.List<ServiceStandIn.Received> all = new java.util.ArrayList<>();
        all.addAll(tickets.received());
        all.addAll(sla.received());
        all.addAll(escalations.received());
        all.addAll(budgets.received());
        all.addAll(webhooks.received());
        all.addAll(notifications.received());
        return all;
    }

    @Override
    public void close() {
        tickets.close();
        sla.close();
        escalations.close();
        budgets.close();
        webhooks.close();
        notifications.close();
    }
}
