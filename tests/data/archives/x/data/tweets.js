window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [ "1600000000000000101" ],
          "editableUntil" : "2025-02-03T11:15:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/Vst9Qa1bCd",
            "expanded_url" : "http://www.jpaget.nhs.uk/visiting",
            "display_url" : "jpaget.nhs.uk/visiting",
            "indices" : [ "66", "89" ]
          }
        ]
      },
      "display_text_range" : [ "0", "89" ],
      "favorite_count" : "12",
      "id_str" : "1600000000000000101",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1600000000000000101",
      "created_at" : "Mon Feb 03 10:15:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Visiting times on our adult wards change from Monday &amp; details: https://t.co/Vst9Qa1bCd",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Sam",
            "screen_name" : "sam_example_1",
            "indices" : [ "0", "14" ],
            "id_str" : "1200000000000000777",
            "id" : "1200000000000000777"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [ "0", "96" ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1600000000000000150",
      "id_str" : "1600000000000000201",
      "in_reply_to_user_id" : "1200000000000000777",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1600000000000000201",
      "in_reply_to_status_id" : "1600000000000000150",
      "created_at" : "Tue Feb 04 14:02:10 +0000 2025",
      "favorited" : false,
      "full_text" : "@sam_example_1 Sorry to hear that. Take two paracetamol every four hours and stay in bed.",
      "lang" : "en",
      "in_reply_to_screen_name" : "sam_example_1",
      "in_reply_to_user_id_str" : "1200000000000000777"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "NHS",
            "indices" : [ "70", "74" ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/JamesPagetNHS/status/1600000000000000301/photo/1",
            "indices" : [ "75", "98" ],
            "url" : "https://t.co/Ph0toL1nk9",
            "media_url" : "http://pbs.twimg.com/media/ExAmPlE0001.jpg",
            "id_str" : "1600000000000000399",
            "id" : "1600000000000000399",
            "media_url_https" : "https://pbs.twimg.com/media/ExAmPlE0001.jpg",
            "type" : "photo",
            "display_url" : "pic.twitter.com/Ph0toL1nk9"
          }
        ]
      },
      "display_text_range" : [ "0", "74" ],
      "favorite_count" : "85",
      "id_str" : "1600000000000000301",
      "truncated" : false,
      "retweet_count" : "20",
      "id" : "1600000000000000301",
      "created_at" : "Fri Sep 26 11:30:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Congratulations to our critical care team, Team of the Year!\nWell done #NHS https://t.co/Ph0toL1nk9",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/JamesPagetNHS/status/1600000000000000301/photo/1",
            "indices" : [ "75", "98" ],
            "url" : "https://t.co/Ph0toL1nk9",
            "media_url" : "http://pbs.twimg.com/media/ExAmPlE0001.jpg",
            "id_str" : "1600000000000000399",
            "id" : "1600000000000000399",
            "media_url_https" : "https://pbs.twimg.com/media/ExAmPlE0001.jpg",
            "type" : "photo",
            "display_url" : "pic.twitter.com/Ph0toL1nk9"
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [ "0", "71" ],
      "favorite_count" : "3",
      "in_reply_to_status_id_str" : "1600000000000000301",
      "id_str" : "1600000000000000302",
      "in_reply_to_user_id" : "1100000000000000001",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1600000000000000302",
      "in_reply_to_status_id" : "1600000000000000301",
      "created_at" : "Fri Sep 26 11:31:00 +0000 2025",
      "favorited" : false,
      "full_text" : "The team were nominated by patients and families for their kind care.",
      "lang" : "en",
      "in_reply_to_screen_name" : "JamesPagetNHS",
      "in_reply_to_user_id_str" : "1100000000000000001"
    }
  }
]
