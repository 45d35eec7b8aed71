/**
 * The webhook's public seam. The server parses AdmissionReviews into an {@link
 * dev.winfleet.server.api.AdmissionRequestView}, asks an {@link
 * dev.winfleet.server.api.AdmissionPolicy} for a decision ({@link
 * dev.winfleet.server.api.MutationDecision}, {@link dev.winfleet.server.api.ValidationDecision})
 * and turns the decision into an AdmissionResponse. Readiness and the fleet metrics come from a
 * {@link dev.winfleet.core.spi.FleetInventory}. {@link dev.winfleet.server.api.JsonPatch} and
 * {@link dev.winfleet.server.api.PodSpecLocator} help policies build their patches.
 */
package dev.winfleet.server.api;
