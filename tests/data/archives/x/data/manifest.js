window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "1100000000000000001",
    "userName" : "JamesPagetNHS",
    "displayName" : "James Paget Hospital"
  },
  "archiveInfo" : {
    "sizeBytes" : "48213",
    "generationDate" : "2026-03-01T10:12:44.000Z",
    "isPartialArchive" : false,
    "maxPartSizeBytes" : "53687091200"
  }
}
