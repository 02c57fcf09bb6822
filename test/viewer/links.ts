// A link the tests of more than one module share a page of (a test that finds the page the one before left goes on
// with it; after a failure it opens the link anew).

/** A stored route asked as of March 2021 from the link: the exposure, drawing and planning tests go on with it. */
export const ROUTE_LINK = '/?t=2021-03-01&route=central-nuevo-laredo';
/** A port's popup at the latest facts (no t=): the port's test opens it, the time control's and the XYZ map's go on. */
export const PORT_LINK = '/?sel=ports/2504#9/32.5/-117';
