package org.gridlens.pipeline.geo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Geometry;

/**
 * Coordinate reference systems of grid layers, always decoded longitude first (GeoTools' EPSG
 * factory is latitude first for geographic CRSs unless told otherwise), and the transform of a
 * layer to WGS84 lon/lat, the one CRS GridLens stores.
 */
public final class Crs {

  /** WGS84 with (lon, lat) axis order. */
  public static final CoordinateReferenceSystem WGS84 = DefaultGeographicCRS.WGS84;

  private static final Pattern EPSG = Pattern.compile("(?i)EPSG:+(?:[0-9.]*:)?(\\d+)$");
  private static final Pattern CRS84 = Pattern.compile("(?i).*CRS:?84$");

  private Crs() {}

  /**
   * Decodes {@code EPSG:4490}, {@code urn:ogc:def:crs:EPSG::3857}, {@code
   * http://www.opengis.net/def/crs/EPSG/0/4547} or {@code urn:ogc:def:crs:OGC:1.3:CRS84}.
   *
   * @throws IllegalArgumentException naming the code when GeoTools does not know it
   */
  public static CoordinateReferenceSystem decode(String name) {
    return CRS84.matcher(name.trim()).matches() ? WGS84 : CRS_CACHE.get(epsgCode(name));
  }

  /** The canonical {@code EPSG:n} form of a CRS name ({@code CRS84} for WGS84 lon/lat). */
  public static String canonical(String name) {
    if (CRS84.matcher(name.trim()).matches()) {
      return "EPSG:4326";
    }
    return "EPSG:" + epsgCode(name);
  }

  private static String epsgCode(String name) {
    String s = name.trim();
    Matcher m = EPSG.matcher(s.replace("/EPSG/0/", "EPSG::").replace("/EPSG/", "EPSG::").replace("/", ":"));
    if (!m.find()) {
      throw new IllegalArgumentException(
          "unknown CRS '" + name + "': expected EPSG:<code>, urn:ogc:def:crs:EPSG::<code> or CRS84");
    }
    return m.group(1);
  }

  /** True when the CRS is WGS84 lon/lat already (no transform needed). */
  public static boolean isWgs84(CoordinateReferenceSystem crs) {
    return CRS.equalsIgnoreMetadata(crs, WGS84);
  }

  /** The transform from {@code source} to WGS84 lon/lat (lenient: CGCS2000 has no datum shift here). */
  public static MathTransform toWgs84(CoordinateReferenceSystem source) {
    try {
      return CRS.findMathTransform(source, WGS84, true);
    } catch (FactoryException e) {
      throw new IllegalArgumentException(
          "no transform from " + source.getName() + " to WGS84: " + e.getMessage(), e);
    }
  }

  /** A transform between any two CRSs (for tests and benchmarks building twins of a layer). */
  public static MathTransform between(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
    try {
      return CRS.findMathTransform(source, target, true);
    } catch (FactoryException e) {
      throw new IllegalArgumentException("no transform " + source.getName() + " -> " + target.getName(), e);
    }
  }

  public static Geometry transform(Geometry g, MathTransform t) {
    try {
      return JTS.transform(g, t);
    } catch (TransformException e) {
      throw new IllegalArgumentException("cannot transform geometry: " + e.getMessage(), e);
    }
  }

  /** Decoding a CRS reads the EPSG database; keep each decoded CRS once per JVM. */
  private static final class CrsCache {
    private final java.util.concurrent.ConcurrentHashMap<String, CoordinateReferenceSystem> byCode =
        new java.util.concurrent.ConcurrentHashMap<>();

    CoordinateReferenceSystem get(String code) {
      return byCode.computeIfAbsent(code, c -> {
        try {
          return CRS.decode("EPSG:" + c, true);
        } catch (FactoryException e) {
          throw new IllegalArgumentException(
              "unknown CRS 'EPSG:" + c + "': not in GeoTools' EPSG database (" + e.getMessage() + ")", e);
        }
      });
    }
  }

  private static final CrsCache CRS_CACHE = new CrsCache();
}
