package dev.winfleet.cli;

import dev.winfleet.core.planning.Bandwidth;
import dev.winfleet.core.planning.PlanningException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads rates such as {@code 1Gbit/s}, {@code 100Mbit/s} or {@code 500MB/s}. */
final class BandwidthConverter implements ITypeConverter<Bandwidth> {
  @Override
  public Bandwidth convert(String value) {
    try {
      return Bandwidth.parse(value);
    } catch (PlanningException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
