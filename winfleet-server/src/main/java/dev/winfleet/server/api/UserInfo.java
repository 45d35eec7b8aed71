package dev.winfleet.server.api;

import java.util.List;

/**
 * Who sent the request ({@code request.userInfo}).
 *
 * @param username empty when the review does not say
 * @param uid empty when the review does not say
 */
public record UserInfo(String username, String uid, List<String> groups) {

  private static final UserInfo UNKNOWN = new UserInfo("", "", List.of());

  public UserInfo {
    username = username == null ? "" : username;
    uid = uid == null ? "" : uid;
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public static UserInfo unknown() {
    return UNKNOWN;
  }
}
