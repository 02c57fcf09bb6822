import type { LineString } from 'geojson';
import { prng } from './prng.js';

/**
 * Road-like routes across northern and central Mexico: a random walk of 2-6 km steps whose heading drifts
 * slowly and leans north, 40 to 250 vertices (about 150 to 1,000 km).
 */
export function randomRoutes(count: number, seed = 42): LineString[] {
  const rand = prng(seed);
  const routes: LineString[] = [];
  for (let r = 0; r < count; r++) {
    let lon = -112 + rand() * 17; // -112 .. -95
    let lat = 17 + rand() * 10; // 17 .. 27
    let heading = (rand() - 0.5) * 1.2; // radians from north
    const n = 40 + Math.floor(rand() * 210);
    const coordinates: [number, number][] = [[lon, lat]];
    for (let i = 1; i < n; i++) {
      heading += (rand() - 0.5) * 0.5 - heading * 0.05;
      const stepKm = 2 + rand() * 4;
      lat += (stepKm / 111.2) * Math.cos(heading);
      lon += (stepKm / (111.2 * Math.cos((lat * Math.PI) / 180))) * Math.sin(heading);
      coordinates.push([Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5]);
    }
    routes.push({ type: 'LineString', coordinates });
  }
  return routes;
}
