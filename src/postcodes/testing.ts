import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * Lines of the two national layouts, for tests and the benchmark: the columns the real files have,
 * with codes that are made up.
 */

/** The ONS Postcode Directory's header row (the columns of recent editions). */
export const ONS_HEADER =
  'pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,nhser,ctry,rgn,' +
  'streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,' +
  'bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21,ruc21ind,globalid';

const ONS_COLUMNS = ONS_HEADER.split(',');

/** One directory row: every column quoted as the ONS writes them, but latitude and longitude. */
export function onsLine(row: { postcode: string; latitude: number | string; longitude: number | string; terminated?: boolean }): string {
  const [outward = '', inward = ''] = row.postcode.split(' ');
  const values: Record<string, string> = {
    pcd: `"${outward.padEnd(4)}${inward}"`,
    pcd2: `"${outward.padEnd(5)}${inward}"`,
    pcds: `"${row.postcode}"`,
    dointr: '"199906"',
    doterm: row.terminated ? '"202001"' : '""',
    usertype: '0',
    oseast1m: '"372000"',
    osnrth1m: '"429000"',
    osgrdind: '1',
    ctry: '"E92000001"',
    lat: String(row.latitude),
    long: String(row.longitude),
    imd: '12345',
  };
  return ONS_COLUMNS.map((column) => values[column] ?? '"E99999999"').join(',');
}

/** One Code-Point Open row: postcode (seven characters, as OS writes them), quality, eastings, northings, codes. */
export function codePointLine(row: { postcode: string; eastings: number | string; northings: number | string; quality?: number }): string {
  const [outward = '', inward = ''] = row.postcode.split(' ');
  const compact = outward.length === 4 ? `${outward}${inward}` : `${outward.padEnd(4)}${inward}`;
  return `"${compact}",${row.quality ?? 10},${row.eastings},${row.northings},"E92000001","E19000001","E18000001","","E08000001","E05000001"`;
}

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * The i-th of millions of made-up postcodes, all different: areas QA to QZ and beyond (letters
 * no real postcode area has in the first place: Q, V, X do not start one), districts 1 to 99, sectors 0 to 9.
 */
export function madeUpPostcode(i: number): string {
  const unit = i % 400;
  const sector = Math.floor(i / 400) % 10;
  const district = (Math.floor(i / 4000) % 99) + 1;
  const area = Math.floor(i / 396_000);
  const areaLetters = `${'QVX'[Math.floor(area / 20) % 3]}${LETTERS[area % 20]}`;
  return `${areaLetters}${district} ${sector}${LETTERS[Math.floor(unit / 20)]}${LETTERS[unit % 20]}`;
}

/** How the stand-in postcodes.io answers for a postcode: where it is, or a way of failing. */
export type PostcodesIoAnswer = { latitude: number; longitude: number } | 'slow' | 'broken' | 'nonsense';

/**
 * A postcodes.io stand-in, a real HTTP server on 127.0.0.1: answers GET /postcodes/{postcode} as the
 * real one does (404 for a postcode it does not know), and records what it was asked.
 */
export function aPostcodesIo(answers: Record<string, PostcodesIoAnswer>): Promise<{ url: string; asked: string[]; close: () => void }> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    const postcode = decodeURIComponent((request.url ?? '').replace(/^\/postcodes\//, ''));
    asked.push(postcode);
    const send = (status: number, body: unknown) => {
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const answer = answers[postcode];
    if (answer === 'slow') setTimeout(() => send(200, { status: 200, result: { postcode, latitude: 1, longitude: 1 } }), 2000);
    else if (answer === 'broken') send(500, { status: 500, error: 'Broken' });
    else if (answer === 'nonsense') send(200, { status: 200, result: { postcode, latitude: 'north' } });
    else if (answer) send(200, { status: 200, result: { postcode, ...answer } });
    else send(404, { status: 404, error: 'Postcode not found' });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        asked,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      }),
    ),
  );
}
