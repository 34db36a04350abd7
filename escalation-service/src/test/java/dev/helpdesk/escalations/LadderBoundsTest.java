package dev.helpdesk.escalations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.testsupport.ServiceApi.Answer;
import org.junit.jupiter.api.Test;

/** Issue 16, resource consumption: a ladder level's acknowledgement time is bounded in the contract (P30D). */
class LadderBoundsTest extends RunningService {

    private static final String TWO_THOUSAND_YEARS = "PT" + 2000L * 365 * 24 + "H";

    @Test
    void aLadderLevelOfTwoThousandYearsIsRefusedNamingTheField() {
        Answer refused = api.put("/api/escalations/ladders/STANDARD", MANAGER, ladder("PT1H", TWO_THOUSAND_YEARS, "PT4H"));
        Answer justOver = api.put("/api/escalations/ladders/STANDARD", MANAGER, ladder("PT1H", "PT2H", "PT720H1S"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.body().path("errors").findValuesAsText("field")).containsExactly("levels[1].acknowledgeWithin");
        assertThat(refused.body().path("errors").findValuesAsText("message")).containsExactly("must be at most P30D");
        assertThat(justOver.status()).isEqualTo(400);
        assertThat(justOver.body().path("errors").findValuesAsText("field")).containsExactly("levels[2].acknowledgeWithin");
        assertThat(api.get("/api/escalations/ladders/STANDARD", MANAGER).body().path("levels").get(1)
                .path("acknowledgeWithin").asText()).isEqualTo("PT2H");
    }

    @Test
    void theLongestAcknowledgementTimeIsThirtyDaysAndTheContractSaysSo() {
        Answer longest = api.put("/api/escalations/ladders/EXTENDED", MANAGER, ladder("PT1H", "PT2H", "P30D"));
        String document = api.text("/v3/api-docs");

        assertThat(longest.status()).isEqualTo(200);
        assertThat(longest.body().path("levels").get(2).path("acknowledgeWithin").asText()).isEqualTo("PT720H");
        assertThat(document).contains("at most P30D");
    }

    private static String ladder(String first, String second, String third) {
        return """
                {"levels": [
                  {"level": 1, "name": "Duty manager", "acknowledgeWithin": "%s"},
                  {"level": 2, "name": "Head of support", "acknowledgeWithin": "%s"},
                  {"level": 3, "name": "Executive sponsor", "acknowledgeWithin": "%s"}]}""".formatted(first, second, third);
    }
}
