package dev.winfleet.registry.api;

/**
 * Counters of what an inspector did since it was created: HTTP requests by kind and cache hits.
 *
 * @param manifestGets GET requests for manifests
 * @param manifestHeads HEAD requests for manifests (tag resolution where the digest is cached)
 * @param blobGets GET requests for config blobs
 * @param tokenRequests requests to token realms
 * @param retries requests repeated after 429, 5xx or a connection failure
 * @param cacheHits manifests and configs answered from the digest cache
 */
public record InspectorStats(
    long manifestGets,
    long manifestHeads,
    long blobGets,
    long tokenRequests,
    long retries,
    long cacheHits) {

  public long requests() {
    return manifestGets + manifestHeads + blobGets + tokenRequests;
  }
}
