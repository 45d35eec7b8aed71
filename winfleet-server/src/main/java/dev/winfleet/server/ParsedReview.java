package dev.winfleet.server;

import dev.winfleet.server.api.AdmissionRequestView;

/**
 * An AdmissionReview the server can answer.
 *
 * @param apiVersion {@code admission.k8s.io/v1} or {@code admission.k8s.io/v1beta1}; the answer
 *     carries the same
 */
public record ParsedReview(String apiVersion, AdmissionRequestView request) {}
