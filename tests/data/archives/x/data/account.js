window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "communications@example.invalid",
      "createdVia" : "web",
      "username" : "JamesPagetNHS",
      "accountId" : "1100000000000000001",
      "createdAt" : "2011-05-12T09:01:33.000Z",
      "accountDisplayName" : "James Paget Hospital"
    }
  }
]
