import type { TestProject } from 'vitest/node';
import { startService } from './provision';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlUrl: string;
  }
}

/**
 * Pipeline tests read the system of record from a real MariaDB: SIGHTLINE_MYSQL_URL when set,
 * otherwise the local server that scripts/mariadb.sh provisions (and reuses when it is already
 * running). Its account may create and drop any schema named sightline_*.
 */
export default function setup(project: TestProject): void {
  const url = startService('mariadb.sh');
  process.env.SIGHTLINE_MYSQL_URL = url;
  project.provide('mysqlUrl', url);
}
