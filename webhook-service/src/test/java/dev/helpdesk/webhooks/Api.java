package dev.helpdesk.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.ServiceApi;

/** Calls the service over HTTP as a portal or script would (test-support's client, under this tests' name). */
final class Api extends ServiceApi {

    Api(ObjectMapper objectMapper, int port) {
        super(objectMapper, port);
    }
}
