package org.gridlens.pipeline.geo;

import org.geotools.api.referencing.FactoryException;
import org.geotools.api.parameter.ParameterValueGroup;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.referencing.operation.DefaultMathTransformFactory;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A Lambert azimuthal equal-area projection on the WGS84 ellipsoid centred on a layer, so areas
 * (km² of a grid, m² of an overlap or a gap) are exact up to the densification of edges, and
 * distances near the centre are true to well under 0.1% across a city.
 */
public final class EqualAreaProjection {

  /** Edges are densified to this many degrees before projecting (about 1 km). */
  static final double DENSIFY_DEGREES = 0.01;

  private final double centreLon;
  private final double centreLat;
  private final MathTransform toMetres;
  private final MathTransform toLonLat;

  private EqualAreaProjection(double lon, double lat) {
    this.centreLon = lon;
    this.centreLat = lat;
    try {
      // the projection's math transform directly: no CRS lookup, so no EPSG database is opened
      DefaultMathTransformFactory mtf = new DefaultMathTransformFactory();
      ParameterValueGroup p = mtf.getDefaultParameters("Lambert_Azimuthal_Equal_Area");
      p.parameter("semi_major").setValue(6378137.0);
      p.parameter("semi_minor").setValue(6378137.0 * (1 - 1 / 298.257223563));
      p.parameter("latitude_of_center").setValue(lat);
      p.parameter("longitude_of_center").setValue(lon);
      p.parameter("false_easting").setValue(0.0);
      p.parameter("false_northing").setValue(0.0);
      this.toMetres = mtf.createParameterizedTransform(p);
      this.toLonLat = toMetres.inverse();
    } catch (FactoryException | org.geotools.api.referencing.operation.NoninvertibleTransformException e) {
      throw new IllegalStateException("cannot build the equal-area projection: " + e.getMessage(), e);
    }
  }

  /** Centred on a lon/lat point. */
  public static EqualAreaProjection centredOn(double lon, double lat) {
    return new EqualAreaProjection(lon, lat);
  }

  /** Centred on the middle of an envelope in lon/lat (the envelope of a whole layer). */
  public static EqualAreaProjection centredOn(Envelope lonLat) {
    return new EqualAreaProjection(
        (lonLat.getMinX() + lonLat.getMaxX()) / 2, (lonLat.getMinY() + lonLat.getMaxY()) / 2);
  }

  public double centreLon() {
    return centreLon;
  }

  public double centreLat() {
    return centreLat;
  }

  /** The geometry in metres (edges densified first so long edges follow the ellipsoid). */
  public Geometry toMetres(Geometry lonLat) {
    if (lonLat.isEmpty()) {
      return lonLat;
    }
    Geometry dense = lonLat.getDimension() > 0 ? Densifier.densify(lonLat, DENSIFY_DEGREES) : lonLat;
    return Crs.transform(dense, toMetres);
  }

  /** A geometry in metres back to lon/lat. */
  public Geometry toLonLat(Geometry metres) {
    return metres.isEmpty() ? metres : Crs.transform(metres, toLonLat);
  }

  /** Area of a lon/lat geometry in m². */
  public double areaM2(Geometry lonLat) {
    return lonLat.getDimension() < 2 ? 0 : toMetres(lonLat).getArea();
  }

  /** Centroid of a lon/lat polygonal geometry, computed on the equal-area plane, as lon/lat. */
  public double[] centroid(Geometry lonLat) {
    Geometry c = toLonLat(toMetres(lonLat).getCentroid());
    return new double[] {c.getCoordinate().x, c.getCoordinate().y};
  }
}
