// The zone arithmetic lives once, in the browser-safe schema the API and the dashboard use too.
export { fromWallClock, toWallClock, zoneOffset } from '@sightline/schema';
