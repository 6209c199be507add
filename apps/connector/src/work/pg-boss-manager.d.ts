// pg-boss ships no types for its internal modules; pg-boss-workers.ts reads only what it checks at load.
declare module 'pg-boss/src/manager.js' {
  const Manager: unknown;
  export default Manager;
}
