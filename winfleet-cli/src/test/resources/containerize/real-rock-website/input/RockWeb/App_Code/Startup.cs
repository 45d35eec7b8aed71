// placeholder: the site's App_Code/Startup.cs (content not copied; only its presence matters)
