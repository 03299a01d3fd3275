package org.gridlens.pipeline.config;

import org.gridlens.pipeline.GridLensException;

/** An invalid configuration value; the message names the file and the key path. */
public final class ConfigException extends GridLensException {

  public ConfigException(String message) {
    super(Kind.BAD_CONFIG, message);
  }

  public ConfigException(String message, Throwable cause) {
    super(Kind.BAD_CONFIG, message, cause);
  }
}
