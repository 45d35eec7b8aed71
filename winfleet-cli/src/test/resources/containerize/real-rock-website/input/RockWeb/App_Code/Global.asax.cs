// placeholder: the site's App_Code/Global.asax.cs (content not copied; only its presence matters)
