package dev.helpdesk.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.Map;

/**
 * Reads a manifest document into the fabric8 Kubernetes model, failing on any field the Kubernetes API does not
 * know. The model's classes keep unknown fields in an "additional properties" map by default (a misspelt
 * {@code readinesProbe} would pass silently); here that catch-all is switched off.
 */
final class StrictKubernetesYaml {

    /** The kinds the manifests may use, by apiVersion/kind: an unexpected API version fails too. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private StrictKubernetesYaml() {
    }

    static boolean isKnownKind(Map<?, ?> document) {
        return KINDS.containsKey(document.get("apiVersion") + "/" + document.get("kind"));
    }

    static HasMetadata parse(Map<?, ?> document) {
        Class<? extends HasMetadata> type = KINDS.get(document.get("apiVersion") + "/" + document.get("kind"));
        if (type == null) {
            throw new IllegalArgumentException("Unexpected apiVersion/kind " + document.get("apiVersion") + "/"
                    + document.get("kind") + " (known: " + KINDS.keySet() + ")");
        }
        return STRICT.convertValue(document, type);
    }
}
