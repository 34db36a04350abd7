package dev.helpdesk.tickets.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies the tests send. */
public final class Bodies {

    private Bodies() {
    }

    public static Map<String, Object> organization(String name) {
        LocalDate today = LocalDate.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("plan", "STANDARD");
        body.put("calendar", "BUSINESS_HOURS");
        body.put("timeZone", "Europe/Berlin");
        body.put("supportPeriod", Map.of("start", today.minusYears(1).toString(), "end", today.plusYears(1).toString()));
        body.put("budget", Map.of("amount", 4000.00, "currency", "EUR", "standardRate", 80.00, "consultancyRate", 120.00));
        return body;
    }

    public static Map<String, Object> contact(String userId) {
        return Map.of("userId", userId, "name", "Contact " + userId, "email", userId + "@uni.example.org");
    }

    public static Map<String, Object> ticket(String organizationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", organizationId);
        body.put("type", "INCIDENT");
        body.put("severity", "S2");
        body.put("title", "Quiz page times out");
        body.put("description", "Students get a 504 on the quiz of course 42.");
        body.put("courseId", "42");
        body.put("affectedUserEmail", "student@uni.example.org");
        body.put("pageUrl", "https://lms.uni.example.org/mod/quiz/view.php?id=7");
        return body;
    }
}
