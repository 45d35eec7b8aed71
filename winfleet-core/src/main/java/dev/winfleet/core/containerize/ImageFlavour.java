package dev.winfleet.core.containerize;

/** Which image of a family: the runtime alone, ASP.NET (with IIS for .NET Framework), SDK, WCF. */
public enum ImageFlavour {
  RUNTIME("runtime"),
  ASPNET("aspnet"),
  SDK("sdk"),
  WCF("wcf");

  private final String key;

  ImageFlavour(String key) {
    this.key = key;
  }

  /** The key in the data file and the last part of the repository name. */
  public String key() {
    return key;
  }
}
