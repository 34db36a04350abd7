package dev.helpdesk.tickets.publishing;

import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * The Kafka publisher's token store ({@link PublisherTokenStore}), wrapped: as a bean of type TokenStore it would be
 * a second candidate for Axon's one shared token store.
 */
record PublisherTokens(TokenStore store) {
}
