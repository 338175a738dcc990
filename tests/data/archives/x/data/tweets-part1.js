window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [ "0", "75" ],
      "favorite_count" : "7",
      "id_str" : "1600000000000000401",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1600000000000000401",
      "created_at" : "Sun Oct 12 01:45:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Our flu clinic for staff runs all week in the education centre.",
      "lang" : "en"
    }
  }
]
