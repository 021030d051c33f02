package io.github.darajakit.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest (the build writes it). */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = DarajaCli.class.getPackage().getImplementationVersion();
    return new String[] {"daraja " + (version == null ? "development build" : version)};
  }
}
